// The engine's floor: the same extracted text fed to Xapian's TermGenerator (English stems
// and positions, Xapian's defaults) in a plain single-threaded loop, then committed. Parsing
// happens before the clock starts. Also writes the extracted fields as JSON Lines, which the
// SQLite FTS5 build of the benchmark reads.
//   recall-bench-floor VAULT DB [--fields FILE]
#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <chrono>
#include <fstream>

#include "recall/core/note_parser.hpp"
#include "recall/indexer/vault_scanner.hpp"

namespace {

struct Fields {
    std::string path, date, title, summary, key, decisions, actions, tags, people, body;
};

void add(std::string& to, const std::string& text) {
    if (text.empty()) return;
    if (!to.empty()) to.push_back('\n');
    to += text;
}

Fields extract(const recall::Note& note) {
    Fields f;
    f.path = note.path;
    f.date = note.date ? note.date->iso() : "";
    f.title = note.title;
    for (const auto& p : note.passages) {
        switch (p.section) {
            case recall::SectionKind::Summary: add(f.summary, p.text); break;
            case recall::SectionKind::KeyInformation: add(f.key, p.text); break;
            case recall::SectionKind::Decisions: add(f.decisions, p.text); break;
            case recall::SectionKind::ActionItems: break;
            case recall::SectionKind::Title: break;
            default: add(f.body, p.text); break;
        }
    }
    for (const auto& t : note.tasks) add(f.actions, t.text);
    for (const auto& t : note.tags) add(f.tags, t);
    for (const auto& p : note.people) add(f.people, p.name);
    return f;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Index extracted note text with a bare TermGenerator loop and report the time"};
    std::string vault, db_path, fields_path;
    app.add_option("vault", vault)->required();
    app.add_option("db", db_path)->required();
    app.add_option("--fields", fields_path, "Also write the extracted fields here, one JSON object per note");
    CLI11_PARSE(app, argc, argv);

    std::vector<recall::Warning> warnings;
    std::vector<Fields> notes;
    for (const auto& f : recall::scan_vault(vault, {}, warnings)) {
        auto r = recall::read_note_file(f.absolute, f.relative);
        if (r.note) notes.push_back(extract(*r.note));
    }
    if (!fields_path.empty()) {
        std::ofstream out(fields_path);
        for (const auto& f : notes)
            out << nlohmann::json{{"path", f.path},       {"date", f.date},         {"title", f.title},
                                  {"summary", f.summary}, {"key", f.key},           {"decisions", f.decisions},
                                  {"actions", f.actions}, {"tags", f.tags},         {"people", f.people},
                                  {"body", f.body}}
                       .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                << "\n";
    }

    const auto start = std::chrono::steady_clock::now();
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator termgen;
    termgen.set_stemmer(Xapian::Stem("english"));
    for (const auto& f : notes) {
        Xapian::Document doc;
        termgen.set_document(doc);
        for (const std::string* text : {&f.title, &f.summary, &f.key, &f.decisions, &f.actions, &f.tags, &f.people, &f.body}) {
            termgen.index_text(*text);
            termgen.increase_termpos();
        }
        doc.add_boolean_term("Q" + f.path);
        db.add_document(doc);
    }
    db.commit();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fmt::print("{{\"notes\": {}, \"seconds\": {:.3f}}}\n", notes.size(), seconds);
    return 0;
}
