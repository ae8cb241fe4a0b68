// The note model: what recall knows about one Markdown note once it is parsed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "recall/core/date.hpp"

namespace recall {

// A problem met while reading a note. The note is still indexed.
struct Warning {
    std::string path;  // vault-relative path of the note
    int line = 0;      // 1-based line in the file, 0 when the problem is not tied to a line
    std::string message;

    // "path:line: message", the form every command prints.
    std::string to_string() const;
};

// The named sections of the meeting-note format; everything else is Body.
enum class SectionKind { Title, Summary, KeyInformation, Decisions, ActionItems, Related, Body };

// One block of text (paragraph, list item, heading, code block) and where it starts.
struct Passage {
    SectionKind section = SectionKind::Body;
    int line = 0;
    std::string text;
    int heading = 0;    // 1-6 for a heading, 0 for other blocks
    bool code = false;  // a code block: indexed, never shown as prose
};

enum class TaskPriority { None, Lowest, Low, Medium, High, Highest };

// An Obsidian Tasks line: "- [ ] text @Owner 📅 2025-10-30 🔺 #task", or with Dataview
// fields: "- [ ] text [due:: 2025-10-30] [priority:: high]".
struct Task {
    std::string text;   // the task without its metadata
    bool done = false;
    std::string owner;  // display name as written after '@', may be empty
    std::optional<Date> due, scheduled, start, done_on, created;
    TaskPriority priority = TaskPriority::None;
    std::string recurrence;         // "every week", as written after 🔁 or in [repeat:: ...]
    std::vector<std::string> tags;  // the task's own #tags, without '#': "task"
    int line = 0;
};

// A wikilink of the body: [[People/Andy Perlsteiner#Notes|Andy]].
struct Link {
    std::string target;  // as written, without the alias: "People/Andy Perlsteiner#Notes"
    int line = 0;
};

// Someone the note is about or with, however they were named.
struct Person {
    std::string name;  // display name: "Andy Perlsteiner"
    std::string slug;  // canonical key: "andy-perlsteiner"
};

// A frontmatter key recall does not read itself, with its values as written (each item of a
// list): what the fields declared in the config are made of.
struct Property {
    std::string key;  // lower case
    std::vector<std::string> values;
};

struct Note {
    std::string path;  // vault-relative, '/'-separated
    std::string title;
    std::optional<Date> date;
    std::string type;
    std::string person;                     // the main person, as written
    std::vector<std::string> participants;  // as written
    std::vector<std::string> tags;          // lower-case, no '#', nesting kept: "person/andy"
    std::vector<Passage> passages;          // every block of the body, in order
    std::vector<Task> tasks;
    std::vector<std::string> related;  // wikilink targets of the Related section
    std::vector<Link> links;           // every wikilink of the body, in order
    std::vector<std::string> link_targets;  // targets of [[target|text]] links, as Obsidian names them
    std::vector<Person> people;        // everyone, deduplicated by slug
    std::vector<Property> properties;  // the other frontmatter keys
    std::vector<Warning> warnings;

    // All passages of one section joined by newlines.
    std::string section_text(SectionKind kind) const;
    bool has_open_tasks() const;
};

}  // namespace recall
