#include "recall/core/note_parser.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unordered_set>

#include "recall/core/frontmatter.hpp"
#include "recall/core/markdown_body.hpp"
#include "recall/core/note_limits.hpp"
#include "recall/core/people.hpp"
#include "recall/core/task_line.hpp"
#include "recall/core/text_cleaner.hpp"
#include "recall/core/text_util.hpp"

namespace recall {
namespace {

std::string file_stem(std::string_view path) {
    if (auto slash = path.rfind('/'); slash != std::string_view::npos) path.remove_prefix(slash + 1);
    if (auto dot = path.rfind('.'); dot != std::string_view::npos && dot > 0) path = path.substr(0, dot);
    return std::string(path);
}

// Appends the values not seen before, up to a limit, in time linear in their number.
// Returns false when values were dropped at the limit.
class UniqueList {
public:
    UniqueList(std::vector<std::string>& list, size_t limit) : list_(list), limit_(limit) {
        for (const auto& v : list_) seen_.insert(v);
    }
    bool add(std::string value) {
        if (value.empty() || seen_.count(value)) return true;
        if (list_.size() >= limit_) return false;
        seen_.insert(value);
        list_.push_back(std::move(value));
        return true;
    }

private:
    std::vector<std::string>& list_;
    size_t limit_;
    std::unordered_set<std::string> seen_;
};

// A folder that holds one note per person: People/, person/, Contacts/...
bool is_people_folder(std::string_view folder) {
    const std::string f = lower_ascii(folder);
    return f == "people" || f == "person" || f == "persons" || f == "contacts" || f == "personen" || f == "personnes";
}

// "People/Andy Perlsteiner" (a link or a path) names a person note by its folder.
bool in_people_folder(std::string_view path) {
    const auto slash = path.rfind('/');
    if (slash == std::string_view::npos) return false;
    std::string_view folder = path.substr(0, slash);
    if (const auto up = folder.rfind('/'); up != std::string_view::npos) folder.remove_prefix(up + 1);
    return is_people_folder(folder);
}

// The note's people, from the signals that mean people: person, participants, authors,
// person/ tags, task owners, a person note itself, links to person notes (by folder), links
// on a line that credits people ("Designed by: [[kepano]]"), and the Related links of a
// meeting note that name people. An ordinary link is not a person,
// however its name looks. Returns false when there were more than limits::kPeople.
bool collect_people(Note& note, const MarkdownBody& body) {
    PeopleCollector people(limits::kPeople);
    if (!note.person.empty()) people.add_name(note.person);
    for (const auto& p : note.participants) people.add_name(p);
    for (const auto& property : note.properties)
        if (property.key == "author" || property.key == "authors")
            for (const auto& name : property.values) people.add_name(strip_wikilink(name));
    if (note.type == "person" || in_people_folder(note.path)) people.add_name(note.title);
    for (const auto& tag : note.tags)
        if (tag.starts_with("person/") || tag.starts_with("people/")) people.add_slug(tag.substr(tag.find('/') + 1));
    // The Related links of a meeting note (one with a person, participants or a With line)
    // are its people, products and companies: a name-shaped one is a person.
    const bool meeting_note = !note.person.empty() || !note.participants.empty();
    for (const auto& link : body.links) {
        const std::string name = strip_wikilink("[[" + link.target + "]]");
        const bool named_person = people.knows_slug(slugify(name)) || (meeting_note && looks_like_person_name(name));
        if (link.credit || in_people_folder(link.target) || (link.section == SectionKind::Related && named_person))
            people.add_name(name);
    }
    for (auto& task : note.tasks)
        if (!task.owner.empty()) task.owner = people.add_short_name(task.owner);
    const bool complete = !people.full();
    note.people = people.take();
    return complete;
}

std::string more_than(size_t limit, std::string_view what) {
    return "more than " + std::to_string(limit) + " " + std::string(what) + "; the rest are ignored";
}

// Where the first n lines of text end.
size_t end_of_lines(std::string_view text, size_t n) {
    size_t end = 0;
    for (size_t line = 0; line < n && end < text.size(); ++line) {
        const size_t newline = text.find('\n', end);
        end = newline == std::string_view::npos ? text.size() : newline + 1;
    }
    return end;
}

// A note that says the same thing many times gets the first warnings and a count.
void cap_warnings(std::vector<Warning>& warnings, const std::string& path) {
    if (warnings.size() <= limits::kWarnings) return;
    const size_t more = warnings.size() - limits::kWarnings;
    warnings.resize(limits::kWarnings);
    warnings.push_back({path, 0, std::to_string(more) + " more warnings not shown"});
}

}  // namespace

Note parse_note(std::string_view bytes, std::string_view vault_path, ParseScope scope,
                const std::vector<std::string>& declared_keys) {
    Note note;
    note.path = std::string(vault_path);
    std::vector<Warning> warnings;

    CleanedText clean = clean_text(bytes);
    for (auto& problem : clean.problems) warnings.push_back({"", problem.line, std::move(problem.message)});
    std::string& text = clean.utf8;
    if (const size_t end = end_of_lines(text, limits::kLines); end < text.size()) {
        text.resize(end);
        warnings.push_back({"", static_cast<int>(limits::kLines), more_than(limits::kLines, "lines")});
    }

    Frontmatter fm = parse_frontmatter(text, warnings, scope == ParseScope::Full, declared_keys);
    note.title = fm.title;
    note.type = fm.type;
    note.person = fm.person;
    note.participants = std::move(fm.participants);
    note.date = fm.date;
    note.properties = std::move(fm.properties);
    UniqueList tags(note.tags, limits::kTags);
    bool all_tags = true;
    for (auto& t : fm.tags) all_tags = tags.add(std::move(t)) && all_tags;

    MarkdownBody body = parse_markdown_body(std::string_view(text).substr(fm.body_offset), fm.body_line);
    for (auto& t : body.inline_tags) all_tags = tags.add(std::move(t)) && all_tags;
    if (!all_tags) warnings.push_back({"", 0, more_than(limits::kTags, "tags")});
    if (note.title.empty()) note.title = body.h1;
    if (note.title.empty()) note.title = file_stem(vault_path);
    if (!note.date && !body.header_date.empty()) note.date = parse_date(body.header_date);
    if (!note.date) note.date = find_date_in_path(vault_path);
    if (note.participants.empty() && !body.header_with.empty()) {
        std::string_view with = body.header_with;
        size_t pos = 0;
        while (pos <= with.size()) {
            size_t comma = with.find(',', pos);
            if (comma == std::string_view::npos) comma = with.size();
            std::string name = strip_wikilink(with.substr(pos, comma - pos));
            if (!name.empty()) note.participants.push_back(std::move(name));
            pos = comma + 1;
        }
    }

    note.passages = std::move(body.passages);
    if (scope == ParseScope::Text) return note;
    if (body.tasks.size() > limits::kTasks) {
        body.tasks.resize(limits::kTasks);
        warnings.push_back({"", 0, more_than(limits::kTasks, "tasks") + " as tasks (their text is indexed)"});
    }
    for (const auto& item : body.tasks) {
        Task task = parse_task_text(item.text);
        task.done = item.done;
        task.line = item.line;
        note.tasks.push_back(std::move(task));
    }
    for (const auto& link : body.links)
        if (note.links.size() < limits::kLinks) note.links.push_back({link.target, link.line});
    UniqueList link_targets(note.link_targets, limits::kTags);
    for (auto& target : body.link_targets) link_targets.add(std::move(target));
    UniqueList related(note.related, static_cast<size_t>(-1));
    for (const auto& link : body.links)
        if (link.section == SectionKind::Related) related.add(strip_wikilink("[[" + link.target + "]]"));
    if (!collect_people(note, body)) warnings.push_back({"", 0, more_than(limits::kPeople, "people")});
    if (note.participants.size() > limits::kPeople) note.participants.resize(limits::kPeople);

    for (auto& w : warnings) {
        w.path = note.path;
        note.warnings.push_back(std::move(w));
    }
    cap_warnings(note.warnings, note.path);
    return note;
}

namespace {

// Reads an open file descriptor; see read_note_bytes.
NoteBytes read_open_file(int fd, std::uintmax_t max_bytes, bool reject_binary) {
    NoteBytes out;
    auto skip = [&](std::string message) {
        out.error = std::move(message);
        return out;
    };
    auto cannot_read = [&](int error) {
        out.transient = true;
        out.error_number = error;
        return skip(std::string("cannot read (") + std::strerror(error) + ")");
    };
    struct stat st {};
    if (::fstat(fd, &st) != 0) return cannot_read(errno);
    out.size = static_cast<std::uintmax_t>(st.st_size);
    out.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    if (!S_ISREG(st.st_mode)) {
        out.transient = true;  // the next scan sees what it is now
        return skip("cannot read: not a regular file now");
    }
    if (out.size > max_bytes)
        return skip("skipped: " + std::to_string(out.size) + " bytes is over the limit of " + std::to_string(max_bytes) +
                    " (max_file_mb in the config)");
    // Read at most the size measured, even if the file grows meanwhile.
    std::string bytes(static_cast<size_t>(out.size), '\0');
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return cannot_read(errno);
        if (n == 0) break;
        done += static_cast<size_t>(n);
    }
    bytes.resize(done);
    if (reject_binary && looks_binary(bytes)) return skip("skipped: binary content, not a text note");
    out.bytes = std::move(bytes);
    return out;
}

NoteBytes open_failure(int error) {
    NoteBytes out;
    out.transient = true;
    out.error_number = error;
    out.error = error == EXDEV   ? std::string("cannot read: it links out of the vault now")
                : error == ELOOP ? std::string("cannot read: a link on its way is not followed")
                                 : std::string("cannot read (") + std::strerror(error) + ")";
    return out;
}

}  // namespace

NoteBytes read_note_bytes(const VaultRoot& root, std::string_view relative, std::uintmax_t max_bytes,
                          bool reject_binary) {
    const int fd = root.open_file(relative);
    if (fd < 0) return open_failure(errno);
    NoteBytes out = read_open_file(fd, max_bytes, reject_binary);
    ::close(fd);
    return out;
}

ReadResult read_note_file(const std::filesystem::path& file, std::string_view vault_path, const ParseOptions& options) {
    ReadResult result;
    const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    const NoteBytes read = fd < 0 ? open_failure(errno) : read_open_file(fd, options.max_file_bytes, true);
    if (fd >= 0) ::close(fd);
    if (!read.bytes) {
        result.warnings.push_back({std::string(vault_path), 0, read.error});
        return result;
    }
    result.note = parse_note(*read.bytes, vault_path);
    result.warnings = result.note->warnings;
    return result;
}

}  // namespace recall
