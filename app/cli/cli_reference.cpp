#include "app/cli/cli_reference.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

namespace embedlab::cli {

namespace {

// The parts of a CLI11 option that a reader needs, taken out once for every format.
struct OptionDoc {
  std::vector<std::string> names;  // "--train_data", "--train-data", "-q"; a positional's name
  bool positional = false;
  bool takesValue = false;     // false: a flag
  bool valueOptional = false;  // "--fp16" alone or "--fp16 false"
  bool several = false;        // accepts more than one value
  bool required = false;
  std::string valueType;             // INT, FLOAT, TEXT, FILE, DIR, PATH, BOOLEAN ...
  std::vector<std::string> choices;  // from CLI::IsMember
  std::string defaultValue;
  std::string description;
};

struct CommandDoc {
  std::string path;  // "train", "runs list"; empty for the program itself
  std::string description;
  std::vector<std::string> examples;  // the description's "Example: ..." lines, without it
  std::vector<OptionDoc> options;
  std::vector<CommandDoc> subcommands;
};

// CLI11 type names look like "TEXT:FILE", "INT:INT in [1 - 4096]", "TEXT:{bar,json,none}".
void readValueType(const std::string& typeName, OptionDoc& doc) {
  std::vector<std::string> parts;
  std::stringstream stream(typeName);
  for (std::string part; std::getline(stream, part, ':');)
    parts.push_back(part);
  doc.valueType = parts.empty() ? "VALUE" : parts.front();
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    if (part == "FILE" || part == "DIR" || part == "PATH(existing)" || part == "PATH") {
      doc.valueType = part == "PATH(existing)" ? "PATH" : part;
    } else if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
      std::stringstream choices(part.substr(1, part.size() - 2));
      for (std::string choice; std::getline(choices, choice, ',');)
        doc.choices.push_back(choice);
    }
  }
  if (doc.valueType == "BOOLEAN") doc.choices = {"true", "false"};
}

OptionDoc describeOption(const CLI::Option& option) {
  OptionDoc doc;
  doc.positional = !option.nonpositional();
  if (doc.positional) {
    doc.names.push_back(option.get_name(true));
  } else {
    for (const std::string& name : option.get_lnames())
      doc.names.push_back("--" + name);
    for (const std::string& name : option.get_snames())
      doc.names.push_back("-" + name);
  }
  // A flag (add_flag) expects no value: CLI11 gives it expected(0) and a type size of 1.
  doc.takesValue = option.get_type_size_max() > 0 && option.get_expected_max() > 0;
  doc.valueOptional = doc.takesValue && option.get_expected_min() == 0;
  doc.several = option.get_items_expected_max() > 1;
  doc.required = option.get_required();
  if (doc.takesValue) readValueType(option.get_type_name(), doc);
  // An optional-value boolean keeps its implied value ("true") in default_str; its default when
  // absent is false, and the help text says so.
  if (doc.takesValue && !doc.valueOptional) doc.defaultValue = option.get_default_str();
  doc.description = option.get_description();
  return doc;
}

CommandDoc describeCommand(const CLI::App& app, const std::string& path) {
  CommandDoc doc;
  doc.path = path;
  // "Example: CMD" / "Examples: CMD" lines, continued by lines that start another
  // embedlab-cli command; "A; embedlab-cli B" holds two.
  std::stringstream lines(app.get_description() + "\n" + app.get_footer());
  std::string text;
  bool inExamples = false;
  const auto addExamples = [&doc](std::string line) {
    const std::string separator = "; embedlab-cli ";
    for (std::size_t at; (at = line.find(separator)) != std::string::npos;) {
      doc.examples.push_back(line.substr(0, at));
      line = line.substr(at + 2);
    }
    doc.examples.push_back(line);
  };
  for (std::string line; std::getline(lines, line);) {
    const std::size_t start = line.find_first_not_of(' ');
    const std::string trimmed = start == std::string::npos ? "" : line.substr(start);
    bool tagged = false;
    for (const std::string tag : {"Example: ", "Examples: "}) {
      if (line.rfind(tag, 0) == 0) {
        addExamples(line.substr(tag.size()));
        tagged = inExamples = true;
        break;
      }
    }
    if (tagged) continue;
    if (inExamples && trimmed.rfind("embedlab-cli ", 0) == 0) {
      addExamples(trimmed);
    } else if (!trimmed.empty()) {
      inExamples = false;
      text += (text.empty() ? "" : " ") + trimmed;
    }
  }
  doc.description = text;
  for (const CLI::Option* option : app.get_options()) {
    if (option == app.get_help_ptr() || option == app.get_help_all_ptr()) continue;
    if (option->get_group().empty()) continue;  // hidden (refused_flags.h)
    doc.options.push_back(describeOption(*option));
  }
  for (const CLI::App* sub : app.get_subcommands(
           [](const CLI::App* a) { return !a->get_name().empty() && !a->get_group().empty(); })) {
    doc.subcommands.push_back(
        describeCommand(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name()));
  }
  return doc;
}

std::string valuePlaceholder(const OptionDoc& option) {
  if (!option.takesValue) return {};
  std::string value = option.choices.empty() || option.valueType == "BOOLEAN"
                          ? option.valueType
                          : fmt::format("{{{}}}", fmt::join(option.choices, ","));
  if (option.several) value += " ...";
  return option.valueOptional ? "[" + value + "]" : value;
}

std::string defaultNote(const OptionDoc& option) {
  if (option.required) return "Required.";
  if (!option.defaultValue.empty()) return fmt::format("Default: {}.", option.defaultValue);
  return {};
}

// ---- man page (roff) ----

std::string roff(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  // A line starting with '.' or '\'' would be read as a request.
  if (!out.empty() && (out.front() == '.' || out.front() == '\'')) out.insert(0, "\\&");
  return out;
}

void writeManOptions(std::string& out, const std::vector<OptionDoc>& options) {
  for (const OptionDoc& option : options) {
    out += ".TP\n";
    std::string head;
    for (const std::string& name : option.names) {
      head += (head.empty() ? "" : ", ") + fmt::format("\\fB{}\\fR", roff(name));
    }
    if (const std::string value = valuePlaceholder(option); !value.empty()) {
      // A long list of choices may break after a comma: "{a, b, c}" in the man page.
      std::string placeholder = roff(value);
      for (std::size_t at = placeholder.find(','); at != std::string::npos;
           at = placeholder.find(',', at + 2))
        placeholder.insert(at + 1, " ");
      head += fmt::format(" \\fI{}\\fR", placeholder);
    }
    out += head + "\n";
    std::string body = option.description;
    if (!body.empty() && body.back() != '.') body += '.';
    if (const std::string note = defaultNote(option); !note.empty()) body += " " + note;
    out += roff(body) + "\n";
  }
}

void writeManCommand(std::string& out, const CommandDoc& command) {
  out += fmt::format(".SS \"embedlab\\-cli {}\"\n", roff(command.path));
  out += roff(command.description) + "\n";
  for (const std::string& example : command.examples) {
    out += ".PP\nExample:\n.RS\n.nf\n" + roff(example) + "\n.fi\n.RE\n";
  }
  if (!command.options.empty()) {
    out += ".PP\nOptions:\n.RS\n";
    writeManOptions(out, command.options);
    out += ".RE\n";
  }
  for (const CommandDoc& sub : command.subcommands)
    writeManCommand(out, sub);
}

std::string manPage(const CommandDoc& root, const std::string& version, const std::string& date) {
  std::string out;
  out += fmt::format(".TH EMBEDLAB\\-CLI 1 \"{}\" \"embedlab-cli {}\" \"User Commands\"\n", date,
                     version);
  out +=
      ".SH NAME\nembedlab\\-cli \\- fine\\-tune text\\-embedding models and rerankers, "
      "headless\n";
  out +=
      ".SH SYNOPSIS\n.B embedlab\\-cli\n[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR "
      "[\\fIOPTIONS\\fR]\n";
  out += ".SH DESCRIPTION\n" + roff(root.description) + "\n";
  out +=
      ".PP\nEach command prints its own help with \\fB\\-\\-help\\fR. Options written with "
      "underscores also accept dashes (\\fB\\-\\-train_data\\fR or "
      "\\fB\\-\\-train\\-data\\fR).\n";
  out += ".SH GLOBAL OPTIONS\nThese come before the command.\n";
  writeManOptions(out, root.options);
  out += ".SH COMMANDS\n";
  for (const CommandDoc& command : root.subcommands)
    writeManCommand(out, command);
  out +=
      ".SH EXIT STATUS\n"
      ".TP\n0\nSuccess.\n"
      ".TP\n1\nThe job found a problem in its input, or failed.\n"
      ".TP\n2\nThe command line is wrong.\n"
      ".TP\n130\nCancelled (Ctrl+C); nothing half\\-written is left behind.\n";
  out +=
      ".SH ENVIRONMENT\n"
      ".TP\nEMBEDLAB_THREADS\nCPU threads when \\fB\\-\\-threads\\fR is not given.\n"
      ".TP\nEMBEDLAB_HISTORY_DB\nThe experiment history database when \\fB\\-\\-db\\fR is "
      "not given.\n"
      ".TP\nXDG_DATA_HOME\nWhere the default history lives "
      "(\\fI$XDG_DATA_HOME/embedlab/history.sqlite\\fR).\n"
      ".TP\nEMBEDLAB_VERBOSE\nWhen set, print the compute environment (threads, BLAS) at "
      "start.\n"
      ".TP\nRANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT\n"
      "Set by \\fB\\-\\-nproc_per_node\\fR or torchrun: this process is one worker of a "
      "multi\\-process training (with TORCHELASTIC_USE_AGENT_STORE, torchrun's store is "
      "used).\n"
      ".TP\nSLURM_NTASKS, SLURM_PROCID, SLURM_LOCALID, SLURM_NNODES\n"
      "Read when WORLD_SIZE is not set: a task of \\fBsrun\\fR is one worker. A job on "
      "several nodes must set MASTER_ADDR to the first node.\n"
      ".TP\nLOCAL_WORLD_SIZE\nWorkers on this machine: the CPUs are divided between them "
      "unless \\fB\\-\\-threads\\fR or EMBEDLAB_THREADS says otherwise.\n";
  out +=
      ".SH FILES\n.TP\n\\fI/usr/share/embedlab/demo\\fR\nThe demo workspace: training data "
      "and a dev set of Debian package descriptions.\n";
  out += ".SH SEE ALSO\n.BR embedlab (1)\n";
  return out;
}

// ---- Markdown ----

std::string markdownCell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else {
      out += c;
    }
  }
  return out;
}

void writeMarkdownOptions(std::string& out, const std::vector<OptionDoc>& options) {
  if (options.empty()) return;
  out += "| option | value | default | what it does |\n|---|---|---|---|\n";
  for (const OptionDoc& option : options) {
    std::string names;
    for (const std::string& name : option.names)
      names += (names.empty() ? "" : ", ") + fmt::format("`{}`", name);
    const std::string value = valuePlaceholder(option);
    const std::string fallback = option.required ? "required" : option.defaultValue;
    out += fmt::format("| {} | {} | {} | {} |\n", names,
                       value.empty() ? "" : fmt::format("`{}`", markdownCell(value)),
                       fallback.empty() ? "" : fmt::format("`{}`", markdownCell(fallback)),
                       markdownCell(option.description));
  }
  out += "\n";
}

void writeMarkdownCommand(std::string& out, const CommandDoc& command) {
  out += fmt::format("### `embedlab-cli {}`\n\n{}\n\n", command.path, command.description);
  for (const std::string& example : command.examples)
    out += fmt::format("```sh\n{}\n```\n\n", example);
  writeMarkdownOptions(out, command.options);
  for (const CommandDoc& sub : command.subcommands)
    writeMarkdownCommand(out, sub);
}

std::string markdown(const CommandDoc& root) {
  std::string out =
      "<!-- Generated by `embedlab-cli docs markdown` from the same definitions as --help; "
      "`cmake --build build --target cli-reference` refreshes it. -->\n"
      "# embedlab-cli reference\n\n" +
      root.description +
      "\n\nOptions written with underscores also accept dashes (`--train_data` or "
      "`--train-data`). Exit status: 0 success, 1 the job found a problem in its input or "
      "failed, 2 a wrong command line, 130 cancelled.\n\n## Global options\n\nThese come "
      "before the command.\n\n";
  writeMarkdownOptions(out, root.options);
  out += "## Commands\n\n";
  for (const CommandDoc& command : root.subcommands)
    writeMarkdownCommand(out, command);
  while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')
    out.pop_back();
  return out;
}

// ---- bash completion ----

std::string shellWords(const std::vector<std::string>& words) {
  return fmt::format("{}", fmt::join(words, " "));
}

// One `case` arm per command path: the options it takes, and how each option's value completes.
void writeCompletionCases(std::string& out, const CommandDoc& command,
                          std::vector<std::string>& valueCases) {
  std::vector<std::string> words;
  for (const OptionDoc& option : command.options) {
    if (option.positional) continue;
    for (const std::string& name : option.names)
      words.push_back(name);
    if (!option.takesValue || option.valueOptional) continue;
    std::string action;
    if (!option.choices.empty()) {
      action =
          fmt::format("COMPREPLY=($(compgen -W \"{}\" -- \"$cur\"))", shellWords(option.choices));
    } else if (option.valueType == "DIR") {
      action = "COMPREPLY=($(compgen -d -- \"$cur\"))";
    } else if (option.valueType == "FILE" || option.valueType == "PATH" ||
               option.valueType == "TEXT") {
      action = "COMPREPLY=($(compgen -f -- \"$cur\"))";
    } else {
      action = "COMPREPLY=()";
    }
    valueCases.push_back(fmt::format("      \"{}\":{}) {}; return ;;", command.path,
                                     fmt::join(option.names, "|\"" + command.path + "\":"),
                                     action));
  }
  for (const CommandDoc& sub : command.subcommands) {
    const std::string name = sub.path.substr(sub.path.rfind(' ') + 1);
    words.push_back(name);
  }
  out += fmt::format("    \"{}\") words=\"{}\" ;;\n", command.path, shellWords(words));
  for (const CommandDoc& sub : command.subcommands)
    writeCompletionCases(out, sub, valueCases);
}

std::string bashCompletion(const CommandDoc& root) {
  std::vector<std::string> subcommandPaths;
  std::function<void(const CommandDoc&)> collect = [&](const CommandDoc& command) {
    for (const CommandDoc& sub : command.subcommands) {
      subcommandPaths.push_back(fmt::format("\"{}\"", sub.path));
      collect(sub);
    }
  };
  collect(root);
  std::string cases;
  std::vector<std::string> valueCases;
  writeCompletionCases(cases, root, valueCases);
  std::string out =
      "# bash completion for embedlab-cli. Generated by `embedlab-cli docs bash-completion`.\n"
      "_embedlab_cli() {\n"
      "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
      "  local path=\"\" word candidate i\n"
      "  # The command path so far: the words that name (nested) subcommands.\n"
      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      "    word=\"${COMP_WORDS[i]}\"\n"
      "    candidate=\"${path:+$path }$word\"\n"
      "    case \"$candidate\" in\n"
      "      " +
      fmt::format("{}", fmt::join(subcommandPaths, "|")) +
      ") path=\"$candidate\" ;;\n"
      "    esac\n"
      "  done\n"
      "  case \"$path:$prev\" in\n" +
      fmt::format("{}\n", fmt::join(valueCases, "\n")) +
      "  esac\n"
      "  local words=\"\"\n"
      "  case \"$path\" in\n" +
      cases +
      "  esac\n"
      "  if [[ \"$cur\" == -* || -z \"$path\" ]]; then\n"
      "    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
      "  else\n"
      "    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\") $(compgen -f -- \"$cur\"))\n"
      "  fi\n"
      "}\n"
      "complete -o filenames -F _embedlab_cli embedlab-cli\n";
  return out;
}

// ---- JSON (for tests and tools) ----

nlohmann::json toJson(const CommandDoc& command) {
  nlohmann::json options = nlohmann::json::array();
  for (const OptionDoc& option : command.options) {
    options.push_back({{"names", option.names},
                       {"positional", option.positional},
                       {"takes_value", option.takesValue},
                       {"value_optional", option.valueOptional},
                       {"several", option.several},
                       {"required", option.required},
                       {"value_type", option.valueType},
                       {"choices", option.choices},
                       {"default", option.defaultValue},
                       {"description", option.description}});
  }
  nlohmann::json subcommands = nlohmann::json::array();
  for (const CommandDoc& sub : command.subcommands)
    subcommands.push_back(toJson(sub));
  return {{"path", command.path},
          {"description", command.description},
          {"examples", command.examples},
          {"options", options},
          {"subcommands", subcommands}};
}

}  // namespace

std::string commandLineReference(const CLI::App& root, ReferenceFormat format,
                                 const std::string& version, const std::string& date) {
  const CommandDoc doc = describeCommand(root, "");
  switch (format) {
    case ReferenceFormat::Man: return manPage(doc, version, date);
    case ReferenceFormat::Markdown: return markdown(doc);
    case ReferenceFormat::BashCompletion: return bashCompletion(doc);
    case ReferenceFormat::Json: return toJson(doc).dump(2) + "\n";
  }
  return {};
}

}  // namespace embedlab::cli
