//! Code frames with miette, their lines found around the span so a frame costs what it shows.
//!
//! miette reads a frame from the `SourceCode` it is given. Here each frame gets an [`Excerpt`]:
//! the few lines it shows, already cut to a window around the span and with control characters
//! escaped, so neither the size of the file nor the length of a line reaches miette.

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use super::{Report, select, summary_line};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::source::line_starts;

/// Widest frame line, in characters, before it is cut to a window around the span.
const MAX_LINE: usize = 120;
/// Characters kept before the span when a line is cut.
const LEFT_CONTEXT: usize = 40;
/// Lines a span may cover and still be shown whole; a longer span is marked on its first line.
const MAX_SPAN_LINES: usize = 20;
const ELLIPSIS: char = '…';

/// Writes `s` with control characters made visible: C0 and C1 controls other than tab and
/// newline as `\u{1b}`-style escapes, and the Unicode bidi controls likewise, so that nothing
/// read from an input can move the cursor, set a title or reorder the text on a terminal.
pub fn escape(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| needs_escape(c) && c != '\n') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c == '\n' {
            out.push(c);
        } else {
            push_escaped(&mut out, c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// [`escape`] for text shown on one line (a file name, a message): a newline is escaped too, so
/// that a name cannot start a line of its own (`::error ...`, which a CI log obeys).
pub fn escape_line(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    std::borrow::Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Pushes `c`, escaped if it must be; returns how many characters were written.
fn push_escaped(out: &mut String, c: char) -> usize {
    if needs_escape(c) {
        let before = out.len();
        out.push_str(&format!("\\u{{{:x}}}", c as u32));
        out.len() - before
    } else {
        out.push(c);
        1
    }
}

fn width_of(c: char) -> usize {
    if needs_escape(c) {
        format!("\\u{{{:x}}}", c as u32).len()
    } else {
        1
    }
}

/// The lines of a text around a place, found by scanning outwards from it: a frame shows three
/// lines of a file that may have millions, so nothing is counted from the file's start (the
/// span already knows its line number) unless its lines are too long to scan.
#[derive(Clone, Copy)]
struct Lines<'t> {
    text: &'t str,
    /// Where each line starts, in order: built the first time a line break is sought further
    /// than [`SCAN_LIMIT`] from a frame's place, and then kept for the file's other frames, so
    /// that a thousand frames in a minified file do not each scan its one long line. The short
    /// lines of a laid-out file are found by scanning around each place, without indexing the
    /// whole file (which costs a millisecond or more on a large one).
    starts: &'t OnceLock<Vec<u32>>,
}

/// How far from a frame's place a line break is sought before the file's lines are indexed.
const SCAN_LIMIT: usize = 16 << 10;

impl<'t> Lines<'t> {
    /// Where the line holding byte `offset` starts.
    fn start_of(self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if self.starts.get().is_none() {
            let from = offset.saturating_sub(SCAN_LIMIT);
            match memchr::memrchr(b'\n', &self.text.as_bytes()[from..offset]) {
                Some(i) => return from + i + 1,
                None if from == 0 => return 0,
                None => {}
            }
        }
        let starts = self.index();
        let i = starts.partition_point(|&s| s as usize <= offset);
        starts[i.saturating_sub(1)] as usize
    }

    /// Where the line starting at `start` ends (its line break, or the end of the text).
    fn end_of(self, start: usize) -> usize {
        let len = self.text.len();
        let from = start.min(len);
        if self.starts.get().is_none() {
            let to = from.saturating_add(SCAN_LIMIT).min(len);
            match memchr::memchr(b'\n', &self.text.as_bytes()[from..to]) {
                Some(i) => return from + i,
                None if to == len => return len,
                None => {}
            }
        }
        let starts = self.index();
        let i = starts.partition_point(|&s| s as usize <= from);
        starts.get(i).map_or(len, |&next| next as usize - 1)
    }

    /// The file's line index, built on first use.
    fn index(self) -> &'t [u32] {
        self.starts.get_or_init(|| line_starts(self.text))
    }

    /// The start of the line after the one starting at `start`, if there is one.
    fn next(self, start: usize) -> Option<usize> {
        let end = self.end_of(start);
        (end < self.text.len()).then_some(end + 1)
    }

    /// The start of the line before the one starting at `start`, if there is one.
    fn prev(self, start: usize) -> Option<usize> {
        (start > 0).then(|| self.start_of(start - 1))
    }

    /// The line starting at `start`, without its line break.
    fn line(self, start: usize) -> &'t str {
        let line = &self.text[start..self.end_of(start)];
        line.strip_suffix('\r').unwrap_or(line)
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The part of a file one frame shows, in its own coordinates.
struct Excerpt {
    name: String,
    text: String,
    /// 0-based number of the first line shown.
    first_line: usize,
    line_count: usize,
    /// The label within `text`.
    label: (usize, usize),
    /// 0-based line and column of the span's start, for the frame's header.
    start: (usize, usize),
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        _span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        if context_lines_before == 0 && context_lines_after == 0 {
            // The header's line and column.
            let (s, e) = self.label;
            let e = e.min(self.text.len());
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                &self.text.as_bytes()[s.min(e)..e],
                (s, e - s.min(e)).into(),
                self.start.0,
                self.start.1,
                1,
            )));
        }
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            (0, self.text.len()).into(),
            self.first_line,
            0,
            self.line_count,
        )))
    }
}

/// Bytes read on each side of a window to find the secrets it shows (a name before the window
/// whose value it shows, a token cut by its edge).
const MASK_MARGIN: usize = 512;

/// A frame whose windows lie within this many bytes of each other is masked as one region;
/// one spread wider (long lines, each shown in part) is masked window by window.
const MASKED_TOGETHER: usize = 4096;

/// Part of a text with the secrets it shows masked (`*` for each byte, so byte offsets hold),
/// judged from it and a margin of [`MASK_MARGIN`] bytes around it that reaches into the lines
/// around (a Postman pair's `"value"` on the next line says its `"key"` is a name), never from
/// the whole of a long line.
struct Masked {
    /// Where `text` starts in the whole text.
    start: usize,
    text: String,
}

impl Masked {
    /// `text[from..to]` and its margins, masked; `None` should masking change its length.
    fn of(text: &str, from: usize, to: usize) -> Option<Masked> {
        let rf = floor_boundary(text, from.saturating_sub(MASK_MARGIN));
        let mut rt = (to + MASK_MARGIN).min(text.len());
        while !text.is_char_boundary(rt) {
            rt += 1;
        }
        let mut region = text[rf..rt].to_string();
        crate::secrets::mask_text(&mut region);
        (region.len() == rt - rf).then_some(Masked {
            start: rf,
            text: region,
        })
    }

    /// The window `from..to` of the whole text, masked.
    fn window(&self, from: usize, to: usize) -> String {
        let (a, b) = (from - self.start, to - self.start);
        // Masking replaces whole characters by ASCII; cut where the masked text has boundaries.
        let a = floor_boundary(&self.text, a);
        let b = floor_boundary(&self.text, b).max(a);
        self.text[a..b].to_string()
    }
}

/// The bytes of `text` to hide in the frame of a secret found at `start..end`: the value of a
/// member whose name that is (`"token": "..."`, `token: ...`), else the span itself; within
/// quotes when quoted, else to the end of its line, or to the end of the text when the value
/// goes on over the next lines.
fn secret_value(text: &str, start: usize, end: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let blank = |i: &mut usize| {
        while b.get(*i).is_some_and(|c| *c == b' ' || *c == b'\t') {
            *i += 1;
        }
    };
    let mut at = end;
    blank(&mut at);
    let (from, to) = if b.get(at) == Some(&b':') {
        at += 1;
        blank(&mut at);
        match b.get(at) {
            // An object, a list or a YAML block, or a value on the lines below: all the frame
            // shows from there.
            None | Some(b'{' | b'[' | b'|' | b'>' | b'\r' | b'\n' | b'#') => (at, b.len()),
            Some(_) => (
                at,
                memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |n| at + n),
            ),
        }
    } else {
        (start, end)
    };
    match b.get(from) {
        Some(&q @ (b'"' | b'\'')) => {
            // To the closing quote (a `\` escapes the next byte in double quotes), or on to
            // the end when there is none.
            let mut i = from + 1;
            while i < to && b[i] != q {
                i += if q == b'"' && b[i] == b'\\' { 2 } else { 1 };
            }
            (from + 1, i.min(to))
        }
        _ => (from, to),
    }
}

/// `shown`, the text from byte `from` on, with each character of bytes `a..b` of the text
/// replaced by a `*` a byte (so that byte offsets hold).
fn hide(shown: &str, from: usize, a: usize, b: usize) -> String {
    let mut out = String::with_capacity(shown.len());
    for (i, c) in shown.char_indices() {
        if (a..b).contains(&(from + i)) {
            out.extend(std::iter::repeat_n('*', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// `text[from..to]` (a window of one line), masked as [`Masked`] says; all `*` should masking
/// go wrong.
fn masked_window(text: &str, from: usize, to: usize) -> String {
    match Masked::of(text, from, to) {
        Some(m) => m.window(from, to),
        None => "*".repeat(to - from),
    }
}

/// Appends `shown` (`line[from..to]`, masked) to `out`, escaped, with `…` where the line (of
/// `line_len` bytes) goes on; returns the position in `out` of each byte offset of `marks`
/// (relative to the line) that falls inside.
fn push_window(out: &mut String, line_len: usize, from: usize, shown: &str, marks: &mut [usize]) {
    let to = from + shown.len();
    let base_marks: Vec<usize> = marks.to_vec();
    let mut mapped: Vec<Option<usize>> = vec![None; marks.len()];
    if from > 0 {
        out.push(ELLIPSIS);
    }
    for (i, c) in shown.char_indices() {
        let at = from + i;
        for (m, &b) in base_marks.iter().enumerate() {
            if mapped[m].is_none() && b <= at {
                mapped[m] = Some(out.len());
            }
        }
        push_escaped(out, c);
    }
    for (m, &b) in base_marks.iter().enumerate() {
        if mapped[m].is_none() && b <= to {
            mapped[m] = Some(out.len());
        }
    }
    if to < line_len {
        out.push(ELLIPSIS);
    }
    for (m, v) in mapped.into_iter().enumerate() {
        marks[m] = v.unwrap_or(out.len());
    }
}

/// The window of `line` to show around byte `anchor`..`anchor_end` (offsets in `line`).
fn window(line: &str, anchor: usize, anchor_end: usize) -> (usize, usize) {
    // Short lines are shown whole; a line of more than MAX_LINE * 4 bytes is surely too wide.
    if line.len() <= MAX_LINE * 4 {
        let width: usize = line.chars().map(width_of).sum();
        if width <= MAX_LINE {
            return (0, line.len());
        }
    }
    let anchor = floor_boundary(line, anchor);
    let anchor_end = floor_boundary(line, anchor_end.max(anchor));
    // Rightwards from the anchor, the span first, leaving room for the left context.
    let mut budget = MAX_LINE - LEFT_CONTEXT;
    let mut to = anchor;
    for c in line[anchor..].chars() {
        let w = width_of(c);
        if w > budget {
            break;
        }
        budget -= w;
        to += c.len_utf8();
        if to >= anchor_end && budget == 0 {
            break;
        }
    }
    // Leftwards with what is left.
    let mut budget = budget + LEFT_CONTEXT;
    let mut from = anchor;
    for c in line[..anchor].chars().rev() {
        let w = width_of(c);
        if w > budget {
            break;
        }
        budget -= w;
        from -= c.len_utf8();
    }
    (from, to)
}

/// Cuts the frame of `span` out of `text`, the same with the lines indexed or scanned for.
#[cfg(test)]
fn excerpt(name: &str, text: &str, span: Span) -> Excerpt {
    let indexed = excerpt_in(name, text, &OnceLock::from(line_starts(text)), span, false);
    let scanned = excerpt_in(name, text, &OnceLock::new(), span, false);
    let parts = |e: &Excerpt| (e.text.clone(), e.first_line, e.line_count, e.label, e.start);
    assert_eq!(parts(&indexed), parts(&scanned));
    indexed
}

/// One line of a frame: its number, where it starts and how long it is, the window of it shown
/// (`from..to` within the line) and the span's ends within it.
struct Shown {
    n: usize,
    line_start: usize,
    line_len: usize,
    from: usize,
    to: usize,
    marks: [usize; 2],
}

/// Cuts the frame of `span` out of `text`, whose lines start at `starts`.
fn excerpt_in(
    name: &str,
    text: &str,
    starts: &OnceLock<Vec<u32>>,
    span: Span,
    conceal: bool,
) -> Excerpt {
    let lines = Lines { text, starts };
    let start = floor_boundary(text, span.offset);
    let end = floor_boundary(text, start + span.len.max(1)).max(start);
    let hidden = conceal.then(|| secret_value(text, start, end));
    let first = span.line.saturating_sub(1);
    let first_start = lines.start_of(start);
    let first_text = lines.line(first_start);
    // The span's other lines, counted no further than a frame would show them.
    let breaks = memchr::memchr_iter(
        b'\n',
        &text.as_bytes()[start..end.saturating_sub(1).max(start)],
    )
    .take(MAX_SPAN_LINES + 1)
    .count();
    let mut last = first + breaks;
    let mut last_start = if breaks == 0 {
        first_start
    } else {
        lines.start_of(end - 1)
    };
    let mut end = end;
    let long = || {
        std::iter::successors(Some(first_start), |&s| {
            lines.next(s).filter(|&n| n <= last_start)
        })
        .any(|s| lines.line(s).len() > MAX_LINE)
    };
    if last > first && (breaks > MAX_SPAN_LINES || long()) {
        // Mark the first line of a span too long or too wide to show whole.
        last = first;
        last_start = first_start;
        end = end.min(first_start + first_text.len()).max(start);
    }
    let (shown_first, shown_first_start) = match lines.prev(first_start) {
        Some(p) if first > 0 => (first - 1, p),
        _ => (first, first_start),
    };
    let shown_last = if lines.next(last_start).is_some() {
        last + 1
    } else {
        last
    };
    let column = span.column.saturating_sub(1);

    let mut out = String::new();
    let mut label = (0, 0);
    // Where the span starts within its line, for lining up the windows of the other lines.
    let anchor_col = start - first_start;
    // Each line's window first, then the secrets they show masked: all in one region when
    // they are close together (the usual frame of a few short lines), each on its own
    // otherwise.
    let mut shown = Vec::with_capacity(shown_last - shown_first + 1);
    let mut next_start = Some(shown_first_start);
    for n in shown_first..=shown_last {
        let Some(line_start) = next_start else { break };
        next_start = lines.next(line_start);
        let line = lines.line(line_start);
        let rel = |b: usize| b.saturating_sub(line_start).min(line.len());
        let (a, b) = if n >= first && n <= last {
            (
                if n == first { rel(start) } else { 0 },
                if n == last { rel(end) } else { line.len() },
            )
        } else {
            (anchor_col.min(line.len()), anchor_col.min(line.len()))
        };
        let (from, to) = window(line, a, b);
        shown.push(Shown {
            n,
            line_start,
            line_len: line.len(),
            from,
            to,
            marks: [a, b],
        });
    }
    let together = match (shown.first(), shown.last()) {
        (Some(f), Some(l)) if l.line_start + l.to - (f.line_start + f.from) <= MASKED_TOGETHER => {
            Masked::of(text, f.line_start + f.from, l.line_start + l.to)
        }
        _ => None,
    };
    for Shown {
        n,
        line_start,
        line_len,
        from,
        to,
        mut marks,
    } in shown
    {
        let (from_at, to_at) = (line_start + from, line_start + to);
        let mut masked = match &together {
            Some(m) => m.window(from_at, to_at),
            None => masked_window(text, from_at, to_at),
        };
        if let Some((a, b)) = hidden {
            masked = hide(&masked, from_at, a, b);
        }
        push_window(&mut out, line_len, from, &masked, &mut marks);
        if n == first {
            label.0 = marks[0];
        }
        if n == last {
            label.1 = marks[1];
        }
        if n != shown_last {
            out.push('\n');
        }
    }
    // A span at the very end (or an empty one) still needs one character to point at.
    if label.1 <= label.0 {
        label.1 = label.0 + 1;
    }
    Excerpt {
        name: escape(name).into_owned(),
        text: out,
        first_line: shown_first,
        line_count: shown_last - shown_first + 1,
        label,
        start: (first, column),
    }
}

struct Frame<'a> {
    d: &'a Diagnostic,
    message: String,
    /// The help, escaped (and wrapped, when the message is).
    help: Option<String>,
    source: Option<Excerpt>,
}

impl fmt::Debug for Frame<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Frame<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Frame<'_> {}

impl miette::Diagnostic for Frame<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!(
            "{} {} ({})",
            self.d.code,
            self.d.rule,
            escape(&self.d.location())
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_deref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let source = self.source.as_ref()?;
        let label = match self.d.pointer() {
            Some(p) if !p.is_empty() => escape(p).into_owned(),
            _ => "here".to_string(),
        };
        let (s, e) = source.label;
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some(label),
            s,
            e - s,
        ))))
    }
}

/// Rules whose findings point at a secret value.
const CONCEALED: &[&str] = &["secret-in-definition"];

/// The report as people read it: frames for the findings `report.amount` selects, a count per rule of
/// the others, and the summary line.
pub fn render(report: &Report) -> String {
    let selected = select(report.diagnostics, report.amount);
    let shown = super::as_written(&selected.framed);
    let mut out = frames(report, shown.iter().map(|d| &**d));
    for more in &selected.more {
        let what = if more.framed > 0 { " more" } else { "" };
        out.push_str(&format!(
            "{} {} {}: {}{what}\n",
            more.severity, more.code, more.rule, more.count
        ));
    }
    if !selected.more.is_empty() {
        out.push_str(
            "(--all shows every finding; --format json lists them with their locations)\n",
        );
    }
    out.push_str(&summary_line(report.diagnostics, report.files));
    out.push('\n');
    out
}

/// The code frames of `diags`, without the summary line.
fn frames<'d>(report: &Report, diags: impl Iterator<Item = &'d Diagnostic>) -> String {
    let theme = if report.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let wrap = Wrap::new(&theme);
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_context_lines(1)
        .with_width(WIDTH)
        // A path or command in a message stays whole, so that it can be copied: a line with a
        // long one runs over the width instead of breaking it at a hyphen or mid-word.
        .with_break_words(false)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_links(false);
    // Frames whose texts are wrapped here (see `Wrap`) are drawn without wrapping.
    let prewrapped = handler.clone().with_wrap_lines(false);
    let diags: Vec<&Diagnostic> = diags.collect();
    // Each rule's help is wrapped once.
    let mut helps: HashMap<&str, (String, Option<String>)> = HashMap::new();
    for d in &diags {
        if let Some(h) = d.help.as_deref() {
            helps.entry(h).or_insert_with(|| {
                let h = escape(h).into_owned();
                let wrapped = wrap.help(&h);
                (h, wrapped)
            });
        }
    }
    // Each file's lines are indexed when a frame first needs it (see `Lines`), once for all.
    let starts: HashMap<&str, OnceLock<Vec<u32>>> = (diags.iter())
        .filter_map(|d| d.file.as_deref())
        .map(|f| (f, OnceLock::new()))
        .collect();
    let frame_of = |d: &&Diagnostic| -> String {
        // A frame around a secret would print the secret: its value is shown as stars.
        let conceal = CONCEALED.contains(&d.rule);
        let source = match (d.file.as_deref(), d.span) {
            (Some(f), Some(span)) => report.texts.get_key_value(f).and_then(|(f, text)| {
                // A span past the text (should not happen) gets no frame.
                if span.offset > text.len() {
                    return None;
                }
                let starts = starts.get(f.as_str())?;
                Some(excerpt_in(f, text, starts, span, conceal))
            }),
            _ => None,
        };
        let message = escape(&d.message).into_owned();
        let help = d.help.as_deref().map(|h| &helps[h]);
        let wrapped_help = match help {
            Some((_, wrapped)) => wrapped.as_ref().map(Some),
            None => Some(None),
        };
        let (frame, handler) = match (wrap.message(d.severity, &message), wrapped_help) {
            (Some(message), Some(help)) => (
                Frame {
                    d,
                    message: message.into_owned(),
                    help: help.cloned(),
                    source,
                },
                &prewrapped,
            ),
            _ => (
                Frame {
                    d,
                    message,
                    help: help.map(|(raw, _)| raw.clone()),
                    source,
                },
                &handler,
            ),
        };
        let mut out = String::new();
        if handler.render_report(&mut out, &frame).is_err() {
            out = format!(
                "{}: {} {}: {}\n",
                escape(&d.location()),
                d.severity,
                d.code,
                frame.message
            );
        }
        out
    };
    // Each frame is cut (its secrets masked) and drawn on its own: many are drawn on the pool.
    if diags.len() >= PARALLEL_FRAMES {
        use rayon::prelude::*;
        diags
            .par_iter()
            .with_min_len(8)
            .map(frame_of)
            .collect::<Vec<_>>()
            .concat()
    } else {
        diags.iter().map(frame_of).collect()
    }
}

/// From this many frames, they are drawn on the pool.
const PARALLEL_FRAMES: usize = 16;

/// The width frames are drawn in.
const WIDTH: usize = 100;

/// Wraps a frame's message and help into lines before miette draws it, as miette would wrap
/// them, so that a help shared by a thousand findings is wrapped once, and a message that fits
/// on its line is not wrapped at all. miette, told not to wrap, starts each line with the same
/// indentation its wrapping would: line breaks depend only on the widths of the text and of
/// that indentation. A text this cannot be sure of (several lines, white space at an end, a
/// tab) is left to miette: `None`.
struct Wrap {
    /// The message's first-line indentation for each severity, and the following lines'.
    first: [String; 3],
    rest: String,
}

const HELP_FIRST: &str = "  help: ";
const HELP_REST: &str = "        ";

impl Wrap {
    fn new(theme: &GraphicalTheme) -> Self {
        let c = &theme.characters;
        Wrap {
            first: [&c.error, &c.warning, &c.advice].map(|icon| format!("  {icon} ")),
            rest: format!("  {} ", c.vbar),
        }
    }

    fn message<'t>(&self, severity: Severity, text: &'t str) -> Option<std::borrow::Cow<'t, str>> {
        let first = match severity {
            Severity::Error => &self.first[0],
            Severity::Warning => &self.first[1],
            Severity::Info => &self.first[2],
        };
        wrap_lines(text, first, &self.rest)
    }

    fn help(&self, text: &str) -> Option<String> {
        wrap_lines(text, HELP_FIRST, HELP_REST).map(std::borrow::Cow::into_owned)
    }
}

/// `text` broken into lines (joined by `\n`, without indentation) where miette's wrapping
/// would break it after `first` and `rest` as indentation; see [`Wrap`].
fn wrap_lines<'t>(text: &'t str, first: &str, rest: &str) -> Option<std::borrow::Cow<'t, str>> {
    if text.is_empty() || text.trim() != text || text.contains(['\n', '\r', '\t']) {
        return None;
    }
    let width = WIDTH - 2;
    // Bytes are at least the text's display width: this fits.
    if textwrap::core::display_width(first) + text.len() <= width {
        return Some(std::borrow::Cow::Borrowed(text));
    }
    let opts = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in textwrap::wrap(text, opts).iter().enumerate() {
        let body = line.strip_prefix(if i == 0 { first } else { rest })?;
        if body.trim().is_empty() {
            return None;
        }
        if i > 0 {
            out.push('\n');
        }
        out.push_str(body);
    }
    Some(std::borrow::Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What miette writes for `text` when it wraps it itself.
    fn miette_fill(text: &str, first: &str, rest: &str) -> String {
        let opts = textwrap::Options::new(WIDTH - 2)
            .initial_indent(first)
            .subsequent_indent(rest)
            .break_words(false)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        textwrap::fill(text, opts)
    }

    #[test]
    fn wrapping_ahead_breaks_lines_where_miette_would() {
        let long = "the definition is still 2622739 bytes after shrinking (from 4881179); the \
                    limit is 1048576: split it into several connectors (convert --split-by)";
        let texts = [
            "short".to_string(),
            long.to_string(),
            long.repeat(3),
            format!("a {} b", "x".repeat(150)),
            "漢字のメッセージ ".repeat(12).trim().to_string(),
            "two  spaces  between  words ".repeat(6).trim().to_string(),
            "x".repeat(93),
            "x".repeat(94),
            // At the width's edge: 4 + 94 fits a message's line, 4 + 95 does not.
            format!("{} {}", "a".repeat(46), "b".repeat(47)),
            format!("{} {}", "a".repeat(47), "b".repeat(47)),
            format!(
                "`ccforge convert FILE --split-by tag --out-dir DIR` {}",
                "y ".repeat(60).trim()
            ),
        ];
        let theme = GraphicalTheme::unicode_nocolor();
        let wrap = Wrap::new(&theme);
        for text in &texts {
            for (first, rest) in [
                (wrap.first[0].as_str(), wrap.rest.as_str()),
                (wrap.first[1].as_str(), wrap.rest.as_str()),
                (HELP_FIRST, HELP_REST),
            ] {
                let lines = wrap_lines(text, first, rest).expect(text);
                // miette, not wrapping, indents each line as its wrapping would.
                let drawn: Vec<String> = lines
                    .split('\n')
                    .enumerate()
                    .map(|(i, l)| format!("{}{l}", if i == 0 { first } else { rest }))
                    .collect();
                assert_eq!(drawn.join("\n"), miette_fill(text, first, rest), "{text}");
            }
        }
        // Texts whose blank lines or edges miette treats its own way are left to it.
        for text in ["", " lead", "trail ", "two\nlines", "a\tb"] {
            assert_eq!(wrap_lines(text, HELP_FIRST, HELP_REST), None, "{text:?}");
        }
    }

    #[test]
    fn escape_makes_controls_and_bidi_visible() {
        assert_eq!(escape("a\tb\nc"), "a\tb\nc");
        assert_eq!(
            escape("\u{1b}[31m\u{9b}\u{202e}x\u{2066}"),
            "\\u{1b}[31m\\u{9b}\\u{202e}x\\u{2066}"
        );
    }

    fn span(text: &str, needle: &str) -> Span {
        let offset = text.find(needle).unwrap();
        let line = text[..offset].matches('\n').count() + 1;
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        Span {
            offset,
            len: needle.len(),
            line,
            column: text[line_start..offset].chars().count() + 1,
        }
    }

    #[test]
    fn an_excerpt_holds_the_lines_around_the_span() {
        let text = "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}\n";
        let e = excerpt("f.json", text, span(text, "\"b\""));
        assert_eq!(e.text, "  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3");
        assert_eq!((e.first_line, e.line_count), (1, 3));
        assert_eq!(&e.text[e.label.0..e.label.1], "\"b\"");
        assert_eq!(e.start, (2, 2));
    }

    #[test]
    fn frames_at_the_edges_of_a_text_show_the_lines_there_are() {
        let text = "{\r\n  \"a\": 1,\r\n  \"b\": [\r\n    2\r\n  ]\r\n}";
        let e = excerpt("f.json", text, span(text, "{"));
        assert_eq!(e.text, "{\n  \"a\": 1,");
        assert_eq!((e.first_line, e.line_count, e.start), (0, 2, (0, 0)));
        let e = excerpt("f.json", text, span(text, "}"));
        assert_eq!(e.text, "  ]\n}");
        assert_eq!((e.first_line, e.line_count, e.start), (4, 2, (5, 0)));
        // A span over several lines shows them all, and one line on each side.
        let e = excerpt("f.json", text, span(text, "[\r\n    2\r\n  ]"));
        assert_eq!(e.text, "  \"a\": 1,\n  \"b\": [\n    2\n  ]\n}");
        assert_eq!((e.first_line, e.line_count, e.start), (1, 5, (2, 7)));
    }

    #[test]
    fn a_secret_findings_value_is_what_its_frame_hides() {
        let hidden = |text: &str, span: &str| {
            let start = text.find(span).unwrap();
            let (a, b) = secret_value(text, start, start + span.len());
            text[a..b].to_string()
        };
        // Found at a member's name: its value, inside the quotes or to the end of the line.
        assert_eq!(
            hidden(
                r#"{"default": "sk_live_x\"y", "in": "query"}"#,
                r#""default""#
            ),
            r#"sk_live_x\"y"#
        );
        assert_eq!(
            hidden("tokenUrl: https://x?code=1 # note\nnext: 2", "tokenUrl"),
            "https://x?code=1 # note"
        );
        assert_eq!(hidden("password: 'hunter2'\n", "password"), "hunter2");
        // Found at the value itself (an item of a list).
        assert_eq!(
            hidden(r#"["a", "sk_live_y"]"#, r#""sk_live_y""#),
            "sk_live_y"
        );
        // An unclosed quote hides to the end of the line.
        assert_eq!(hidden("key: \"abc\nx", "key"), "abc");
        // A value over the next lines: all of them.
        assert_eq!(hidden("token: |\n  abc\nid: 1", "token"), "|\n  abc\nid: 1");
        assert_eq!(
            hidden("\"example\": {\"a\": 1},\n\"b\": 2", "\"example\""),
            "{\"a\": 1},\n\"b\": 2"
        );
    }

    #[test]
    fn a_frame_masks_the_secret_a_neighbouring_line_names() {
        // A Postman pair: the `"key"` line names the secret the `"value"` line shows.
        let pair = "{\n  \"key\": \"api_key\",\n  \"value\": \"k7Qz9mV2xW4pL8rT\"\n}\n";
        let e = excerpt("f.json", pair, span(pair, "\"key\""));
        assert!(e.text.contains("\"key\": \"api_key\""), "{}", e.text);
        assert!(!e.text.contains("k7Qz9mV2xW4pL8rT"), "{}", e.text);
        // Lines so long that their windows lie far apart are masked window by window, to the
        // same effect.
        let long = format!(
            "{}\n{}, \"password\": \"k7Qz9mV2xW4pL8rT\"\n",
            "y".repeat(8000),
            "x".repeat(6000)
        );
        let e = excerpt("f.json", &long, span(&long, "\"password\""));
        assert!(e.text.contains("\"password\""), "{}", e.text);
        assert!(!e.text.contains("k7Qz9mV2xW4pL8rT"), "{}", e.text);
    }

    #[test]
    fn many_frames_are_drawn_in_order() {
        use crate::source::codes::PARSE_ERROR;
        let text: String = (0..200).map(|i| format!("line {i}\n")).collect();
        let diags: Vec<Diagnostic> = (0..200)
            .map(|i| {
                let mut d = Diagnostic::new(&PARSE_ERROR, Severity::Error, format!("finding {i}"))
                    .in_file("f.txt");
                d.span = Some(span(&text, &format!("line {i}\n")));
                d
            })
            .collect();
        let texts = HashMap::from([("f.txt".to_string(), std::sync::Arc::from(text.as_str()))]);
        let report = super::super::test_report(&diags, &texts);
        let out = render(&report);
        let mut at = 0;
        for i in 0..200 {
            let found = out[at..].find(&format!("× finding {i}\n")).map(|p| at + p);
            let found = found.unwrap_or_else(|| panic!("finding {i} missing or out of order"));
            assert!(out[found..].contains(&format!("f.txt:{}:1", i + 1)));
            at = found + "×".len();
        }
    }

    #[test]
    fn a_long_line_is_cut_around_the_span() {
        let text = format!("{}\"key\"{}", "x".repeat(100_000), "y".repeat(100_000));
        let e = excerpt("f.json", &text, span(&text, "\"key\""));
        assert!(e.text.starts_with('…') && e.text.ends_with('…'));
        assert!(e.text.chars().count() <= MAX_LINE + 2);
        assert_eq!(&e.text[e.label.0..e.label.1], "\"key\"");
        assert_eq!(e.start, (0, 100_000));
    }

    #[test]
    fn lines_are_indexed_only_when_too_long_to_scan() {
        let short = format!("{{\n{}  \"key\": 1\n}}\n", "  \"a\": 1,\n".repeat(50_000));
        let index = OnceLock::new();
        let e = excerpt_in("f.json", &short, &index, span(&short, "\"key\""), false);
        assert_eq!(&e.text[e.label.0..e.label.1], "\"key\"");
        assert!(index.get().is_none(), "short lines are found by scanning");

        let long = format!("{}\"key\"\n", "x".repeat(SCAN_LIMIT * 2));
        let index = OnceLock::new();
        let e = excerpt_in("f.json", &long, &index, span(&long, "\"key\""), false);
        assert_eq!(&e.text[e.label.0..e.label.1], "\"key\"");
        assert_eq!(
            index.get().map(Vec::len),
            Some(2),
            "a long line is indexed once"
        );
    }
}
