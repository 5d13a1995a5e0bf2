"""The ``factcheck`` command: lint, rules check, test, mutate, explain and config.

Exit status: 0 clean, 1 findings at or above --fail-level, 2 usage, configuration or rule
file error, 3 internal error, 130 interrupted. ``main`` returns the status; only the
console script exits.
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import os
import pathlib
import sys
from collections.abc import Iterator, Sequence
from typing import IO

from factcheck import __version__, progress, rx
from factcheck.cache import Cache
from factcheck.config import FORMATS, Config, find_config, load_config
from factcheck.discovery import discover
from factcheck.errors import FactcheckError, UsageError
from factcheck.extract import quantities
from factcheck.finding import BUILT_IN_RULES, Severity
from factcheck.formatters import FORMATTERS, RuleInfo, use_color
from factcheck.rulebook import Fact, Rulebook, load_rulebook
from factcheck.runner import LOCAL_FIRST, Linter, cpu_count, run
from factcheck.selection import Selection


class ExitStatus(enum.IntEnum):
    """The documented exit statuses."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL = 3
    INTERRUPTED = 130


def _ids(values: Sequence[str] | None) -> list[str]:
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def _severity_option(text: str) -> tuple[str, Severity]:
    rule, sep, level = text.partition("=")
    if not sep or not rule:
        raise argparse.ArgumentTypeError(f"expected RULE=LEVEL, got {text!r}")
    try:
        return rule.strip(), Severity.parse(level.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return number


def _add_config_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("configuration")
    group.add_argument("--config", metavar="FILE", type=pathlib.Path,
                       help="read this configuration file instead of searching for one")
    group.add_argument("--no-config", action="store_true",
                       help="ignore configuration files")
    group.add_argument("--rules", metavar="PATH", action="append",
                       help="rule file or directory (repeatable; replaces configured rules)")


def _add_lint_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by ``lint`` and ``config`` (which shows their effect)."""
    _add_config_options(parser)
    parser.add_argument("--format", choices=FORMATS, help="output format (default: text)")
    sel = parser.add_argument_group("selection")
    sel.add_argument("--select", metavar="ID,...", action="append",
                     help="report only these rules (ids or globs such as '*-venue')")
    sel.add_argument("--ignore", metavar="ID,...", action="append",
                     help="do not report these rules")
    sel.add_argument("--severity", metavar="RULE=LEVEL", action="append",
                     type=_severity_option, help="override a rule's severity")
    sel.add_argument("--fail-level", choices=("error", "warning", "info"),
                     help="lowest severity that makes the exit status 1 (default: info)")
    parser.add_argument("--max-file-size", metavar="BYTES", type=int,
                        help="skip drafts larger than this, with a finding (default: 10000000)")
    parser.add_argument("--no-cache", action="store_true",
                        help="neither read nor write the cache (.factcheck_cache)")
    parser.add_argument("--jobs", "-j", metavar="N", type=int,
                        help="worker processes (default 0: all cores; 1: none)")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``factcheck`` command."""
    parser = argparse.ArgumentParser(
        prog="factcheck",
        description="A fact-consistency linter and test suite for news-article drafts.",
        epilog="exit status: 0 clean, 1 findings, 2 usage or configuration error, "
               "3 internal error, 130 interrupted",
    )
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    lint = commands.add_parser("lint", help="lint drafts against the fact rules")
    lint.add_argument("paths", nargs="*", metavar="PATH",
                      help="drafts or directories (default: the current directory)")
    _add_lint_options(lint)
    lint.add_argument("--output", "-o", metavar="FILE",
                      help="write the report to FILE (atomically) instead of standard output")
    lint.add_argument("--quiet", "-q", action="store_true",
                      help="no progress line or summary line on stderr")
    speed = lint.add_argument_group("distribution")
    speed.add_argument("--executor", choices=("process", "dask"), default="process",
                       help="where drafts are linted: processes on this machine (default) or "
                            "a Dask cluster (needs the 'dask' extra)")
    speed.add_argument("--scheduler", metavar="ADDRESS",
                       help="the Dask scheduler to use, such as tcp://10.0.0.5:8786 "
                            "(default: a local cluster)")
    lint.set_defaults(handler=cmd_lint)

    rules = commands.add_parser("rules", help="work with rule files")
    rules_commands = rules.add_subparsers(dest="rules_command", metavar="COMMAND", required=True)
    check = rules_commands.add_parser("check", help="validate rule files")
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="rule files or directories (default: the configured rules)")
    _add_config_options(check)
    check.set_defaults(handler=cmd_rules_check)

    test = commands.add_parser("test", help="run every fact's examples through the engine")
    test.add_argument("paths", nargs="*", metavar="RULES",
                      help="rule files or directories (default: the configured rules)")
    _add_config_options(test)
    test.set_defaults(handler=cmd_test)

    mutate = commands.add_parser(
        "mutate", help="measure how well the facts catch broken statements in a corpus"
    )
    mutate.add_argument("paths", nargs="*", metavar="CORPUS",
                        help="correct articles to mutate (default: the current directory)")
    _add_config_options(mutate)
    mutate.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    mutate.add_argument("--count", type=_positive, default=400,
                        help="how many mutants to try (default: 400)")
    mutate.add_argument("--format", choices=("text", "json"), default="text")
    mutate.add_argument("--min-detection", type=float, metavar="RATE",
                        help="exit 1 if the detection rate is lower")
    mutate.add_argument("--max-false-alarms", type=float, metavar="RATE",
                        help="exit 1 if the false-alarm rate is higher")
    mutate.set_defaults(handler=cmd_mutate)

    explain = commands.add_parser("explain", help="show a fact: statement, sources, cues")
    explain.add_argument("rule", metavar="RULE_ID")
    _add_config_options(explain)
    explain.set_defaults(handler=cmd_explain)

    config = commands.add_parser(
        "config", help="print the effective configuration (takes the options of lint)"
    )
    _add_lint_options(config)
    config.set_defaults(handler=cmd_config)
    return parser


def resolve_config(args: argparse.Namespace) -> Config:
    """Load the configuration file and apply the command line over it."""
    if getattr(args, "no_config", False):
        config = Config()
    elif getattr(args, "config", None) is not None:
        if not args.config.is_file():
            raise UsageError(f"--config: no such file: {args.config}")
        config = load_config(args.config)
    else:
        config = load_config(find_config())
    overrides = {
        "rules": getattr(args, "rules", None),
        "format": getattr(args, "format", None),
        "fail_level": Severity.parse(args.fail_level) if getattr(args, "fail_level", None)
        else None,
        "max_file_size": getattr(args, "max_file_size", None),
        "jobs": getattr(args, "jobs", None),
        "select": _ids(getattr(args, "select", None)) or None,
        "ignore": _ids(getattr(args, "ignore", None)) or None,
    }
    for attribute, value in overrides.items():
        if value is not None:
            setattr(config, attribute, value)
            config.origins[attribute.replace("_", "-")] = "command line"
    if getattr(args, "no_cache", False):
        config.cache = False
        config.origins["cache"] = "command line"
    for rule, level in getattr(args, "severity", None) or ():
        # Last given, last applied: a glob from the command line beats the file's globs.
        config.severity.pop(rule, None)
        config.severity[rule] = level
        config.origins["severity"] = "command line"
    if config.max_file_size < 1:
        raise UsageError("--max-file-size must be a positive number of bytes")
    if config.jobs < 0:
        raise UsageError("--jobs must be 0 (all cores) or more")
    return config


def load_rules(config: Config, jobs: int = 1) -> Rulebook:
    """Load the configured rule files (a usage error when none are configured).

    ``jobs`` over 1 lets a rulebook the cache lacks be built by two processes.
    """
    if not config.rules:
        raise UsageError(
            "no rules: pass --rules PATH or set 'rules' in [tool.factcheck] or .factcheck.yaml"
        )
    return load_rulebook(config.rules, cache=Cache(config.cache_dir) if config.cache else None,
                         jobs=jobs)


def rule_infos(rulebook: Rulebook) -> list[RuleInfo]:
    """Describe every rule (facts and file-level rules) for formats that list rules."""
    infos = [
        RuleInfo(f.id, f.statement, f.sources, f.severity, _help(f)) for f in rulebook.facts
    ]
    infos.extend(
        RuleInfo(rule, text, (), Severity.ERROR, text) for rule, text in BUILT_IN_RULES.items()
    )
    return infos


def _help(fact: Fact) -> str:
    return (f"{fact.statement} Sources: {', '.join(fact.sources)}. "
            f"Run 'factcheck explain {fact.id}' for its cues and examples.")


@contextlib.contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    """Yield the report stream; a file is written to a temporary name, then renamed.

    A symbolic link is written through (the link stays). A device, a pipe, or a stream
    such as /dev/stdout is appended to where it is: it may be a shell's ">> log", which
    must not be replaced or truncated. Only a regular file is replaced.
    """
    if path is None:
        yield sys.stdout
        return
    import stat
    import tempfile  # only here: importing it costs a commit hook a few milliseconds

    try:
        mode: int | None = os.stat(path).st_mode
    except OSError:
        mode = None  # a new file
    if mode is not None and stat.S_ISDIR(mode):
        raise UsageError(f"--output: {path} is a directory")
    stream_path = os.path.abspath(path).startswith(("/dev/", "/proc/"))
    if stream_path or (mode is not None and not stat.S_ISREG(mode)):
        try:
            stream = open(path, "a", encoding="utf-8")  # noqa: SIM115 - closed just below
        except OSError as exc:
            raise UsageError(f"--output: cannot write {path}: {exc.strerror}") from None
        with stream:
            yield stream
        return
    target = pathlib.Path(os.path.realpath(path))
    try:
        # Closed by the "with" below; renamed into place only once the report is complete.
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
            "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp",
            delete=False,
        )
    except OSError as exc:
        raise UsageError(f"--output: cannot write {path}: {exc.strerror}") from None
    try:
        with handle:
            yield handle
        # A report keeps the file's permissions, or gets those of any new file (the
        # temporary file is private to its owner).
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(handle.name, 0o666 & ~umask)
        else:
            os.chmod(handle.name, stat.S_IMODE(mode))
        os.replace(handle.name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        raise


def _base(config: Config) -> str | None:
    """The directory exclude patterns are relative to: the configuration file's."""
    return os.path.dirname(os.path.abspath(config.file)) if config.file else None


def cmd_lint(args: argparse.Namespace) -> int:
    """Lint drafts."""
    config = resolve_config(args)
    cache = Cache(config.cache_dir) if config.cache else None
    patterns_cached = cache is not None and rx.load(cache)
    quantities.use_disk_cache(cache)
    jobs = config.jobs or cpu_count()
    rulebook = load_rules(config, jobs)
    selection = Selection(tuple(config.select), tuple(config.ignore), dict(config.severity))
    selection.validate([*(f.id for f in rulebook.facts), *BUILT_IN_RULES])
    rulebook = selection.apply(rulebook)
    paths = discover(args.paths or ["."], config.include, config.exclude, _base(config))
    linter = Linter(rulebook, config.max_file_size, config.cache_dir if config.cache else None)
    backend = None
    if args.executor == "dask":
        from factcheck.cluster import DaskBackend, require_dask

        require_dask()

        def backend() -> DaskBackend:
            return DaskBackend(linter, scheduler=args.scheduler, workers=jobs)
    elif args.scheduler:
        raise UsageError("--scheduler needs --executor dask")
    show = progress.wanted(sys.stderr, quiet=args.quiet)
    with _output(args.output) as stream:
        formatter = FORMATTERS[config.format](
            stream, rules=rule_infos(rulebook),
            color=config.format == "text" and args.output is None and use_color(stream),
        )
        summary = run(paths, linter, selection, formatter, jobs=jobs, backend=backend,
                      # A cluster asked for by name gets every draft the cache lacks.
                      local_first=0 if args.executor == "dask" else LOCAL_FIRST,
                      progress=progress.Progress(len(paths), sys.stderr) if show else None)
    if cache is not None and not patterns_cached:
        rx.store(cache)
    if not args.quiet:
        print(summary.describe(), file=sys.stderr)
    return ExitStatus.FINDINGS if summary.fails(config.fail_level) else ExitStatus.OK


def cmd_rules_check(args: argparse.Namespace) -> int:
    """Validate rule files: each on its own, then all together (for duplicate ids)."""
    if args.paths:
        paths = list(args.paths)
    else:
        paths = resolve_config(args).rules
        if not paths:
            raise UsageError("no rule files given and none configured")
    from factcheck.rulebook import rule_files

    failed = False
    for file in rule_files(paths):
        try:
            load_rulebook([file])
        except FactcheckError as exc:
            print(exc, file=sys.stderr)
            failed = True
    if failed:
        return ExitStatus.USAGE
    rulebook = load_rulebook(paths)
    facts, files = len(rulebook.facts), len(rulebook.files)
    print(f"{facts} fact{'s' * (facts != 1)} in {files} rule file{'s' * (files != 1)}: ok")
    return ExitStatus.OK


def cmd_test(args: argparse.Namespace) -> int:
    """Run the rule examples: 1 if any fails, 2 if none ran."""
    from factcheck import testing

    paths = list(args.paths) or resolve_config(args).rules
    if not paths:
        raise UsageError("no rule files given and none configured")
    rulebook = load_rulebook(paths)
    outcomes = testing.run_examples(rulebook)
    if not outcomes:
        print("factcheck: no examples ran: add 'examples' (flag/pass) to the facts",
              file=sys.stderr)
        return ExitStatus.USAGE
    failures = [o for o in outcomes if not o.passed]
    for outcome in failures:
        print(outcome.line())
    if failures:
        print()
    print("\n".join(testing.table(outcomes, rulebook.facts)))
    print(f"{len(outcomes) - len(failures)} passed, {len(failures)} failed")
    return ExitStatus.FINDINGS if failures else ExitStatus.OK


def cmd_mutate(args: argparse.Namespace) -> int:
    """Mutate the corpus's correct claims and report what the facts catch."""
    import json

    from factcheck import mutate
    from factcheck.document import DecodeError, decode
    from factcheck.engine import read_draft

    config = resolve_config(args)
    rulebook = load_rules(config)
    documents = []
    for path in discover(args.paths or ["."], config.include, config.exclude, _base(config)):
        # Read as lint reads: a pipe, a device or an oversized file is skipped, not waited on.
        data = read_draft(path, config.max_file_size)
        if not isinstance(data, bytes):
            print(f"{path}: skipped: {data.message}", file=sys.stderr)
            continue
        try:
            documents.append((path, decode(data)))
        except DecodeError as exc:
            print(f"{path}: skipped: {exc}", file=sys.stderr)
    sites = mutate.find_sites(documents, rulebook)
    mutants = mutate.sample(sites, args.count, args.seed)
    if not mutants:
        print("factcheck: nothing to mutate: the corpus states none of the facts",
              file=sys.stderr)
        return ExitStatus.USAGE
    verdicts = [mutate.judge(m, rulebook) for m in mutants]
    report = mutate.Report.of(verdicts, seed=args.seed)
    print(json.dumps(report.as_dict(), indent=2) if args.format == "json" else report.text())
    failed = (
        (args.min_detection is not None and report.detection < args.min_detection)
        or (args.max_false_alarms is not None and report.false_alarms > args.max_false_alarms)
    )
    return ExitStatus.FINDINGS if failed else ExitStatus.OK


def describe_fact(fact: Fact) -> str:
    """Return the text ``factcheck explain`` prints for a fact."""
    lines = [
        f"{fact.id} ({fact.kind}, {fact.severity})",
        f"  {fact.statement}",
        f"  defined at {fact.path}:{fact.line}",
        "  sources:",
        *(f"    - {s}" for s in fact.sources),
    ]
    spec = fact.spec
    for label, value in _spec_lines(fact):
        lines.append(f"  {label}: {value}")
    if hasattr(spec, "claims"):
        sources = spec.claims.sources
        for title, items in (
            ("subject (what marks a sentence as being about this fact)", sources["subject"]),
            ("claims (how a value is tied to the subject)", sources["claims"]),
            ("exclude (near the claim: what makes it about something else)", sources["exclude"]),
            ("exclude-sentence (anywhere in the sentence)", sources["exclude-sentence"]),
        ):
            if items:
                lines.append(f"  {title}:")
                lines.extend(f"    - {item}" for item in items)
    for flag, title in ((True, "must flag"), (False, "must pass")):
        examples = [e for e in fact.examples if e.flag is flag]
        if examples:
            lines.append(f"  examples that {title}:")
            for example in examples:
                extra = f"   [found: {example.found}]" if example.found else ""
                lines.append(f"    - {example.text}{extra}")
    return "\n".join(lines)


def _spec_lines(fact: Fact) -> list[tuple[str, str]]:
    spec = fact.spec
    out: list[tuple[str, str]] = []
    for attribute, label in (("value", "value"), ("expected", "expected"), ("role", "role")):
        value = getattr(spec, attribute, None)
        if value:
            out.append((label, str(value)))
    person = getattr(spec, "person", None)
    if person is not None:
        out.append(("name", person.canonical))
        out.append(("accepted spellings", ", ".join(person.variants)))
    if getattr(spec, "titles", None):
        out.append(("titles", ", ".join(sorted(spec.titles))))
    if getattr(spec, "acceptable", None):
        out.append(("accepted values", ", ".join(sorted(spec.acceptable))))
    return out


def cmd_explain(args: argparse.Namespace) -> int:
    """Explain one rule."""
    if args.rule in BUILT_IN_RULES:
        print(f"{args.rule} (built in, error)\n  {BUILT_IN_RULES[args.rule]}")
        return ExitStatus.OK
    rulebook = load_rules(resolve_config(args))
    fact = rulebook.by_id.get(args.rule)
    if fact is None:
        raise UsageError(f"unknown rule {args.rule!r} (see 'factcheck rules check')")
    print(describe_fact(fact))
    return ExitStatus.OK


def cmd_config(args: argparse.Namespace) -> int:
    """Print the effective configuration and where each value came from."""
    config = resolve_config(args)
    print(f"# configuration file: {config.file or '(none found)'}")
    rows = [
        ("rules", config.rules), ("include", config.include), ("exclude", config.exclude),
        ("select", config.select), ("ignore", config.ignore),
        ("fail-level", str(config.fail_level)), ("format", config.format),
        ("max-file-size", config.max_file_size), ("jobs", config.jobs), ("cache", config.cache),
        ("cache-dir", config.cache_dir),
        ("severity", {k: str(v) for k, v in config.severity.items()}),
    ]
    for key, value in rows:
        print(f"{key} = {_toml(value)}  # {config.origin(key)}")
    return ExitStatus.OK


def _toml(value: object) -> str:
    """A configuration value as TOML, so the printout can be pasted into pyproject.toml."""
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(v) for v in value) + "]"
    if isinstance(value, dict):
        pairs = ", ".join(f"{json.dumps(k)} = {json.dumps(v)}" for k, v in value.items())
        return "{ " + pairs + " }" if pairs else "{}"
    return json.dumps(value)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        status: int = args.handler(args)
        return status
    except FactcheckError as exc:
        print(f"factcheck: {exc}" if isinstance(exc, UsageError) else str(exc), file=sys.stderr)
        return ExitStatus.USAGE
    except KeyboardInterrupt:
        print("factcheck: interrupted", file=sys.stderr)
        return ExitStatus.INTERRUPTED
    except SystemExit as exc:  # argparse: --help, --version, or a usage error (status 2)
        return exc.code if isinstance(exc.code, int) else ExitStatus.USAGE
    except BrokenPipeError:
        # The reader went away (`factcheck lint | head`); that is not an error of ours.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - avoid a second error at exit
        return ExitStatus.OK
    except Exception as exc:  # noqa: BLE001 - a bug must still end in one line, not a traceback
        print(f"factcheck: internal error: {type(exc).__name__}: {exc} "
              "(a bug in factcheck; please report it)", file=sys.stderr)
        return ExitStatus.INTERNAL
