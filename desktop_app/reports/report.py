"""Retrospective reports as Markdown, self-contained HTML and PDF.

The content is built once as a list of blocks (headings, paragraphs, lists, tables, charts) and
each writer renders those blocks, so the three formats carry the same sections in the same order:
the diagram, the assessment, the findings, the phases with their progress and charts, the
comparison, who changed what (the activity log's authors), and the retrospective's notes and
action items.

- Markdown: one ``.md`` file; its images go to a folder beside it (``<name>_files/``), linked
  relatively, since Markdown viewers commonly refuse inline data.
- HTML: one file, CSS inline and images embedded as base64 PNG, readable offline from a mail.
- PDF: written by ``export/report_pdf.py`` (QTextDocument and QPdfWriter, since the diagram is
  drawn by the canvas's painter), from the same blocks.
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Sequence, Union

from desktop_app.checks.catalogue import plural
from desktop_app.model.document import PHASE_NAMES, Lifecycle
from desktop_app.model.text import clean_lines, one_line
from desktop_app.reports.diff import Comparison, comparison_sections
from desktop_app.reports.progress import PhaseProgress, phase_progress

REPORT_SUFFIXES = (".md", ".html")   # the PDF is laid out by Qt: export/report_pdf.py


# ---- content -----------------------------------------------------------------------------------

@dataclass
class ReportData:
    """Everything a report shows; gathered by ``reports.retrospective`` from a workspace, or built
    directly in a test."""

    lifecycle: Lifecycle
    today: date
    result: Any                                   # checks.CheckResult of the lifecycle today
    comparison: Comparison | None = None
    since_label: str | None = None
    until_label: str | None = None                # None: now
    findings_series: Sequence[tuple[str, dict[str, int]]] = ()  # per snapshot, then "now"
    notes: str = ""
    action_items: Sequence[Any] = ()              # each with .title and .done (store.ActionItemInfo)
    progress: list[PhaseProgress] = field(default_factory=list)
    # the diagram as the canvas draws it (a PNG from the export layer's painter, handed in by the
    # command); without it the report draws its own matplotlib diagram
    diagram_png: bytes | None = None
    diagram_svg: bytes | None = None   # the same picture as SVG: the HTML report takes the smaller
    # the activity log's entries over the compared span (each with .at, .author, .summary)
    activity: Sequence[Any] = ()

    def __post_init__(self) -> None:
        if not self.progress:
            self.progress = phase_progress(self.lifecycle)


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Para:
    text: str


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]


@dataclass
class Chart:
    name: str                       # file stem: diagram, items-done, findings, phase-windows
    title: str
    figure: Callable[[], Any]       # -> matplotlib Figure, built only when written
    png: bytes | None = None        # a picture made elsewhere, used instead of the figure
    svg: bytes | None = None        # the same picture as SVG, when there is one

    def png_bytes(self) -> bytes:
        if self.png is not None:
            return self.png
        import matplotlib

        from desktop_app.reports.charts import TEXT_RC, render

        with matplotlib.rc_context(TEXT_RC):   # built inside: a `$` in a label is not TeX
            return render(self.figure(), "png")



Block = Union[Heading, Para, Bullets, Table, Chart]


def _date(d: date | None) -> str:
    return d.isoformat() if d else "-"


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _days(value: float | None) -> str:
    return "-" if value is None else ("1 day" if value == 1 else f"{value:g} days")


def _window(start: date | None, end: date | None) -> str:
    """A planned phase window as a reader says it: no "- to -" for a phase without dates."""
    if start and end:
        return f"{start.isoformat()} to {end.isoformat()}"
    if start:
        return f"from {start.isoformat()}"
    if end:
        return f"until {end.isoformat()}"
    return "not planned"


def report_title(data: ReportData) -> str:
    return f"Retrospective: {data.lifecycle.name}"


def build_blocks(data: ReportData) -> list[Block]:
    """The report's content, in order, independent of the output format."""
    from desktop_app.reports import charts  # matplotlib only once a report is written

    lc = data.lifecycle
    span = ""
    if data.since_label:
        span = f" Comparing snapshot '{data.since_label}' with " + (
            f"snapshot '{data.until_label}'." if data.until_label else "the lifecycle as it is now.")
    blocks: list[Block] = [
        Heading(1, report_title(data)),
        Para(f"Report of {data.today.isoformat()}. Paradigm: {lc.paradigm}. "
             f"{plural(len(lc.stages), 'stage')}, {plural(len(lc.edges), 'edge')}, "
             f"{plural(len(lc.owners), 'owner')}.{span}"),
    ]
    if lc.description:
        blocks.append(Para(lc.description))

    blocks += [Heading(2, "Diagram"),
               Chart("diagram", f"The lifecycle {lc.name}", lambda: charts.diagram_figure(lc),
                     png=data.diagram_png, svg=data.diagram_svg)]
    owners = {o.id: o.name for o in lc.owners}
    blocks.append(Table(["Stage", "Kind", "Owner", "Automation"],
                        [[s.name, s.kind, owners.get(s.owner, "-") if s.owner else "-", s.automation]
                         for s in lc.stages]))

    a = data.result.assessment
    blocks += [Heading(2, "Assessment"), Table(["Measure", "Value"], [
        ["Classification", a.classification or "-"],
        ["Declared paradigm", lc.paradigm],
        ["Loop coverage", _share(a.loop_coverage)],
        ["Automated feedback", _share(a.automated_feedback)],
        ["Feedback latency", _days(a.feedback_latency_days)],
    ])]

    counts = data.result.counts
    blocks += [Heading(2, "Findings"), Para(
        f"{plural(counts.get('error', 0), 'error')}, {plural(counts.get('warning', 0), 'warning')}, "
        f"{plural(counts.get('info', 0), 'info', 'infos')}, "
        f"{counts.get('suppressed', 0)} suppressed.")]
    if data.result.findings:
        from desktop_app.model.naming import Names

        names = Names(lc)   # the Where column names stages, edges, items: never their ids
        blocks.append(Table(
            ["Severity", "Code", "Name", "Where", "Message"],
            [[("suppressed " if f.suppressed else "") + f.severity, f.rule, f.name,
              names.finding_where(f) or "-",
              f.message + (f" (accepted: {f.reason})" if f.suppressed and f.reason else "")]
             for f in data.result.findings]))

    blocks += [Heading(2, "Phases"), Table(
        ["Phase", "Planned", "Progress", "Status", "Evidence"],
        [[f"{p.number} {p.name}", _window(p.planned_start, p.planned_end),
          f"{p.done}/{p.total}" + (f" ({p.fraction:.0%})" if p.total else ""), p.status,
          p.evidence.text] for p in data.progress])]
    for phase in sorted(lc.phases, key=lambda p: p.number):
        if phase.items:
            blocks += [Heading(3, f"Phase {phase.number}: {PHASE_NAMES[phase.number]}"),
                       Bullets([_item_line(i, owners) for i in phase.items])]
    blocks += [
        Chart("items-done", "Items done over time", lambda: charts.items_done_figure(lc, data.today)),
        Chart("phase-windows", "Planned and actual phase windows",
              lambda: charts.phase_windows_figure(data.progress, data.today)),
    ]
    if data.findings_series:
        blocks.append(Chart("findings", "Findings by severity across snapshots",
                            lambda: charts.findings_figure(data.findings_series)))

    blocks.append(Heading(2, "Comparison"))
    blocks += _comparison_blocks(data.comparison)

    blocks += _activity_blocks(data.activity)

    blocks.append(Heading(2, "Notes"))
    blocks.append(Para(data.notes.strip() or "No notes were written for this retrospective."))
    blocks.append(Heading(3, "Action items"))
    blocks.append(Bullets([("[x] " if a.done else "[ ] ") + a.title for a in data.action_items])
                  if data.action_items else Para("No action items."))
    return blocks


def _item_line(item, owners: dict[str, str]) -> str:
    parts = [f"[{item.status}] {item.title}"]
    if item.owner:
        parts.append(f"owner {owners.get(item.owner, item.owner)}")
    if item.due:
        parts.append(f"due {item.due.isoformat()}")
    if item.done_on:
        parts.append(f"done {item.done_on.isoformat()}")
    return ", ".join(parts)


# the latest changes listed one by one; the authors' counts cover them all
MAX_ACTIVITY_ROWS = 100


def who_changed(entries: Sequence[Any]) -> tuple[str, list[tuple[str, str, str]]]:
    """Who changed what over a span of the activity log: one line of the authors with their
    number of changes ("alice: 2 changes, bob: 1 change."), and the latest changes as (when,
    who, what), oldest first. The report and the Retrospective dock say it the same way."""
    from collections import Counter

    who = [one_line(e.author) if e.author else "someone (before authors were recorded)" for e in entries]
    counts = Counter(who)
    line = ", ".join(f"{name}: {plural(n, 'change')}"
                     for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))) + "."
    rows = [(e.at.strftime("%Y-%m-%d %H:%M"), name, one_line(e.summary, 300))
            for e, name in list(zip(entries, who))[-MAX_ACTIVITY_ROWS:]]
    return line, rows


def _activity_blocks(entries: Sequence[Any]) -> list[Block]:
    """Who changed what: the authors with their number of changes, and the latest changes."""
    out: list[Block] = [Heading(2, "Who changed what")]
    if not entries:
        return out + [Para("No changes were recorded over this span.")]
    line, rows = who_changed(entries)
    out.append(Para(line))
    if len(entries) > len(rows):
        out.append(Para(f"The latest {len(rows)} of {len(entries)} changes:"))
    out.append(Table(["When", "Who", "What"], [list(row) for row in rows]))
    return out


def _comparison_blocks(c: Comparison | None) -> list[Block]:
    if c is None:
        return [Para("No snapshot chosen to compare with (use --since LABEL).")]
    if c.is_empty():
        return [Para("Nothing changed between the two.")]
    # the same wording as the Retrospective dock and ``diff``: things by their names
    out: list[Block] = []
    for heading, _counts, lines in comparison_sections(c):
        out += [Heading(3, heading), Bullets([line for _mark, line in lines])]
    return out


# ---- Markdown ----------------------------------------------------------------------------------

# Characters that can start markup anywhere in a line (HTML, entities, links, emphasis, code,
# table cells, strikethrough, forge math): always backslash-escaped, and an escaped ASCII
# punctuation character is always literal in CommonMark. Others (#, -, +, =, 1.) only mean
# something at the start of a line, and only there are they escaped, so the file stays readable.
_MD_ALWAYS = re.compile(r"([\\`*_\[\]<>&!|~$])")
_MD_LINE_START = re.compile(r"^([!-/:-@\[-`{-~])|^(\d+)([.)])")


def md_escape(text: str) -> str:
    """``text`` as literal CommonMark inline text on one line: markup characters escaped, line
    breaks turned into spaces, other control characters dropped, and leading spaces removed
    (four would start a code block)."""
    text = one_line(text, None)
    start = _MD_LINE_START.match(text)
    head = ""
    if start and start.group(1) and not _MD_ALWAYS.match(text):
        head, text = "\\" + start.group(1), text[1:]
    elif start and start.group(2):
        head, text = start.group(2) + "\\" + start.group(3), text[start.end():]
    return head + _MD_ALWAYS.sub(r"\\\1", text)


def _md_paragraphs(text: str) -> str:
    """A multi-line text (notes, a description) as paragraphs: blank lines separate them, a
    single line break stays a line break (a trailing backslash is a hard break)."""
    text = "\n".join(clean_lines(text))
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n\n".join("\\\n".join(md_escape(line) for line in p.split("\n") if line.strip())
                         for p in paragraphs)


def md_link_target(relative: str) -> str:
    """A relative file path as a link destination that survives any name: percent-encoded
    (so no space, bracket, parenthesis or colon is read as Markdown or a URL scheme) and
    starting with ``./``."""
    from urllib.parse import quote

    return "./" + quote(relative, safe="/")


def to_markdown(blocks: Sequence[Block], image_link: Callable[[Chart], str]) -> str:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out.append("#" * b.level + " " + md_escape(b.text))
        elif isinstance(b, Para):
            out.append(_md_paragraphs(b.text))
        elif isinstance(b, Bullets):
            out.append("\n".join(f"- {md_escape(line)}" for line in b.items))
        elif isinstance(b, Table):
            rows = [[md_escape(c) for c in b.headers], ["---"] * len(b.headers)]
            rows += [[md_escape(c) for c in r] for r in b.rows]
            # an empty cell is fine, but a row must not collapse: keep a space between the pipes
            out.append("\n".join("| " + " | ".join(r) + " |" for r in rows))
        elif isinstance(b, Chart):
            out.append(f"![{md_escape(b.title)}]({md_link_target(image_link(b))})")
        out.append("")
    return "\n".join(out)


def write_markdown(blocks: Sequence[Block], path: Path) -> list[Path]:
    """Write ``path`` and its images in ``<stem>_files/``; returns every file written."""

    folder = path.with_name(path.stem + "_files")
    written: list[Path] = []

    def link(chart: Chart) -> str:
        folder.mkdir(exist_ok=True)
        target = folder / f"{chart.name}.png"
        target.write_bytes(chart.png_bytes())
        written.append(target)
        return f"{folder.name}/{target.name}"

    path.write_text(to_markdown(blocks, link), encoding="utf-8")
    return [path] + written


# ---- HTML --------------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 70em;
       margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
figure { margin: 1em 0; } figure img { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 0.9em; }
"""


def to_html(blocks: Sequence[Block], title: str) -> str:

    e = html.escape
    body: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            body.append(f"<h{b.level}>{e(b.text)}</h{b.level}>")
        elif isinstance(b, Para):
            body.append("".join(f"<p>{e(p)}</p>" for p in b.text.split("\n\n")))
        elif isinstance(b, Bullets):
            body.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in b.items) + "</ul>")
        elif isinstance(b, Table):
            head = "".join(f"<th>{e(h)}</th>" for h in b.headers)
            rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in b.rows)
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        elif isinstance(b, Chart):
            # the smaller of the two pictures (an SVG in an <img> runs no script)
            png = b.png_bytes()
            kind, picture = ("svg+xml", b.svg) if b.svg and len(b.svg) < len(png) else ("png", png)
            data = base64.b64encode(picture).decode("ascii")
            body.append(f'<figure id="{e(b.name)}"><img alt="{e(b.title)}" '
                        f'src="data:image/{kind};base64,{data}"><figcaption>{e(b.title)}'
                        f"</figcaption></figure>")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{e(title)}</title><style>{_CSS}</style></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")


# ---- entry point -------------------------------------------------------------------------------

def write_report(data: ReportData, out: str | Path) -> list[Path]:
    """Write the report in the format its suffix names; returns the files written."""
    path = Path(out)
    suffix = path.suffix.lower()
    blocks = build_blocks(data)
    if suffix == ".md":
        return write_markdown(blocks, path)
    if suffix == ".html":
        path.write_text(to_html(blocks, report_title(data)), encoding="utf-8")
        return [path]
    raise ValueError(f"{path}: a report is written as {', '.join(REPORT_SUFFIXES)}, not '{suffix}'")
