//! Stage 4, pieces → the heading tree. Decides which heading candidates are
//! headings from the numbering so far: `②` after `①` is its sibling, a marker
//! that restarts at 1 under another opens a new level (`(1)` under `③`), a
//! marker that climbs back (`（2）` after `(4)` of a nested level) closes the
//! levels in between, and a candidate that fits nowhere (`（2）現状と課題でも
//! 触れたとおり、…`) is text. Attaches bracketed labels, captions and units to
//! the blocks that follow, joins a table cut in two by a blank line, and asks
//! `tables` to rebuild each table.

use crate::blocks::{Heading, Piece, PieceKind, RawRow};
use crate::model::{Block, Item, Section, Warning};
use crate::tables::{self, Context};

/// Deepest heading level kept; real plans use five or six (`第N章 > N > (N) > ① > ア > (ア)`).
const MAX_DEPTH: usize = 10;

/// A caption waiting for its table.
struct Caption {
    label: String,
    text: Option<String>,
    unit: Option<String>,
    lines: [u32; 2],
}

/// Rows waiting to become a table (a later piece may continue them).
struct OpenRows {
    rows: Vec<RawRow>,
    lines: [u32; 2],
    context: Context,
    caption_lines: Option<[u32; 2]>,
    start: u32,
}

struct Builder<'w> {
    done: Vec<Section>,
    open: Vec<Section>,
    front: Option<Section>,
    caption: Option<Caption>,
    unit: Option<(String, u32)>,
    tag: Option<(String, u32)>,
    rows: Option<OpenRows>,
    n_tables: usize,
    warnings: &'w mut Vec<Warning>,
}

/// Builds the section tree from the pieces of one document, in order.
pub fn build(pieces: impl IntoIterator<Item = Piece>, warnings: &mut Vec<Warning>) -> Vec<Section> {
    let mut builder = Builder {
        done: Vec::new(),
        open: Vec::new(),
        front: None,
        caption: None,
        unit: None,
        tag: None,
        rows: None,
        n_tables: 0,
        warnings,
    };
    for piece in pieces {
        builder.piece(piece);
    }
    builder.flush_pending();
    builder.close_to(0);
    let mut sections = Vec::with_capacity(builder.done.len() + 1);
    if let Some(front) = builder.front {
        sections.push(front);
    }
    sections.extend(builder.done);
    sections
}

impl Builder<'_> {
    fn piece(&mut self, piece: Piece) {
        let lines = [piece.first, piece.last];
        if !matches!(piece.kind, PieceKind::Rows { .. } | PieceKind::Separator(_)) {
            self.flush_rows();
        }
        match piece.kind {
            PieceKind::Heading(heading) => {
                if self.accepts(&heading) {
                    self.flush_pending();
                    self.open_section(*heading);
                } else {
                    let tag = self.take_tag();
                    self.push(Block::Paragraph { lines: widen(lines, &tag), tag: tag.map(|(text, _)| text), text: heading.text });
                }
            }
            PieceKind::Paragraph(text) => {
                let tag = self.take_tag();
                self.push(Block::Paragraph { lines: widen(lines, &tag), tag: tag.map(|(text, _)| text), text });
            }
            PieceKind::List(items) => {
                let tag = self.take_tag();
                self.push(Block::List { lines: widen(lines, &tag), tag: tag.map(|(text, _)| text), items });
            }
            PieceKind::Note(text) => {
                let tag = self.take_tag();
                self.push(Block::Note { lines: widen(lines, &tag), tag: tag.map(|(text, _)| text), text });
            }
            PieceKind::Caption(caption) => {
                let crate::blocks::Caption { label, text, unit } = *caption;
                self.flush_caption();
                self.caption = Some(Caption { label, text, unit, lines });
            }
            PieceKind::Unit(unit) => {
                if let Some((text, line)) = self.unit.take() {
                    self.push(Block::Paragraph { lines: [line, line], tag: None, text });
                }
                self.unit = Some((unit, piece.first));
            }
            PieceKind::Label(text) => {
                if let Some((text, line)) = self.tag.take() {
                    self.push(Block::Paragraph { lines: [line, line], tag: None, text });
                }
                self.tag = Some((text, piece.first));
            }
            PieceKind::Rows { rows, aligned } => self.rows(rows, aligned, lines),
            PieceKind::Separator(text) => match self.rows.as_mut() {
                Some(open) => open.lines[1] = piece.last,
                None => self.push(Block::Furniture { lines, text }),
            },
            PieceKind::Furniture(text) => self.push(Block::Furniture { lines, text }),
            PieceKind::Unresolved(unresolved) => {
                let crate::blocks::Unresolved { fragments, reason } = *unresolved;
                self.warnings.push(Warning {
                    line: lines[0],
                    code: "unresolved_table".into(),
                    message: format!("{reason}; kept as {} fragments", fragments.len()),
                });
                let tag = self.take_tag();
                self.push(Block::Unresolved { lines: widen(lines, &tag), tag: tag.map(|(text, _)| text), fragments });
            }
            PieceKind::Toc(entries) => self.push(Block::Toc { lines, entries }),
        }
    }

    /// Decides whether a heading candidate is a heading, given the open levels.
    fn accepts(&mut self, heading: &Heading) -> bool {
        if matches!(heading.kind, "chapter" | "appendix") {
            return true;
        }
        let Some(number) = heading.number else { return false };
        let successor_of =
            self.open.iter().rposition(|section| section.kind == heading.kind && section.number.map(|open| open + 1) == Some(number));
        if successor_of.is_some() {
            return true;
        }
        if number == 1 {
            if self.open.len() >= MAX_DEPTH {
                self.warnings.push(Warning {
                    line: heading.line,
                    code: "too_deep".into(),
                    message: format!("`{}` would open level {}; kept as text", heading.marker, self.open.len() + 1),
                });
                return false;
            }
            return true;
        }
        let same_kind =
            self.open.iter().rposition(|section| section.kind == heading.kind && section.number.is_some_and(|open| open < number));
        let title_like = !heading.title.contains('、') && heading.title.chars().count() <= 40;
        if same_kind.is_some() && title_like {
            self.warnings.push(Warning {
                line: heading.line,
                code: "numbering_gap".into(),
                message: format!(
                    "heading `{}` skips a number after `{}`",
                    heading.marker,
                    same_kind.and_then(|idx| self.open[idx].marker.clone()).unwrap_or_default()
                ),
            });
            return true;
        }
        false
    }

    fn open_section(&mut self, heading: Heading) {
        let depth = if matches!(heading.kind, "chapter" | "appendix") {
            0
        } else {
            let number = heading.number.unwrap_or(0);
            match self.open.iter().rposition(|section| section.kind == heading.kind && section.number.map(|open| open + 1) == Some(number))
            {
                Some(idx) => idx,
                None if number == 1 => self.open.len(),
                None => self.open.iter().rposition(|section| section.kind == heading.kind).unwrap_or(self.open.len()),
            }
        };
        self.close_to(depth);
        self.open.push(Section {
            marker: Some(heading.marker),
            kind: heading.kind.to_string(),
            number: heading.number,
            title: Some(heading.title),
            line: heading.line,
            blocks: Vec::new(),
            sections: Vec::new(),
        });
    }

    fn close_to(&mut self, depth: usize) {
        while self.open.len() > depth {
            let Some(mut section) = self.open.pop() else { break };
            // A closed section gets no more blocks or subsections: the room left by doubling is freed.
            section.blocks.shrink_to_fit();
            section.sections.shrink_to_fit();
            match self.open.last_mut() {
                Some(parent) => parent.sections.push(section),
                None => self.done.push(section),
            }
        }
    }

    /// Adds a block to the open section. A label or unit line still waiting
    /// above it cannot later reach over it: each becomes a paragraph first.
    fn push(&mut self, block: Block) {
        let first = block_first_line(&block);
        if self.tag.as_ref().is_some_and(|(_, line)| *line < first) {
            if let Some((text, line)) = self.tag.take() {
                self.push_block(Block::Paragraph { lines: [line, line], tag: None, text });
            }
        }
        if self.unit.as_ref().is_some_and(|(_, line)| *line < first) {
            if let Some((text, line)) = self.unit.take() {
                self.push_block(Block::Paragraph { lines: [line, line], tag: None, text });
            }
        }
        self.push_block(block);
    }

    fn push_block(&mut self, block: Block) {
        match self.open.last_mut() {
            Some(section) => section.blocks.push(block),
            None => {
                let first = block_first_line(&block);
                self.front
                    .get_or_insert_with(|| Section {
                        marker: None,
                        kind: "front".into(),
                        number: None,
                        title: None,
                        line: first,
                        blocks: Vec::new(),
                        sections: Vec::new(),
                    })
                    .blocks
                    .push(block);
            }
        }
    }

    /// The label for the next block; a unit line still waiting for its table
    /// cannot reach over this block, so it becomes a paragraph of its own.
    fn take_tag(&mut self) -> Option<(String, u32)> {
        let mut tag = self.tag.take();
        // Nor can it reach over a caption that waits for its table.
        if let (Some((text, line)), Some(caption)) = (&tag, &self.caption) {
            if *line < caption.lines[0] {
                let block = Block::Paragraph { lines: [*line, *line], tag: None, text: text.clone() };
                self.push(block);
                tag = None;
            }
        }
        let Some((unit, unit_line)) = self.unit.take() else { return tag };
        // A label above the unit line would reach over it: both stand alone then.
        let tag = match tag {
            Some((text, line)) if line < unit_line => {
                self.push(Block::Paragraph { lines: [line, line], tag: None, text });
                None
            }
            tag => tag,
        };
        self.push(Block::Paragraph { lines: [unit_line, unit_line], tag: None, text: unit });
        tag
    }

    fn rows(&mut self, rows: Vec<RawRow>, aligned: bool, lines: [u32; 2]) {
        if let Some(open) = self.rows.as_mut() {
            if tables::continues(&open.rows, &rows) {
                open.rows.extend(rows);
                open.lines[1] = lines[1];
                return;
            }
        }
        self.flush_rows();
        let caption = self.caption.take();
        let unit = self.unit.take();
        let tag = self.tag.take();
        self.n_tables += 1;
        let mut start = lines[0];
        if let Some((_, line)) = &tag {
            start = start.min(*line);
        }
        if let Some((_, line)) = &unit {
            start = start.min(*line);
        }
        let caption_unit = caption.as_ref().and_then(|caption| caption.unit.clone());
        let context = Context {
            id: format!("t{}", self.n_tables),
            label: caption.as_ref().map(|caption| caption.label.clone()),
            caption: caption.as_ref().and_then(|caption| caption.text.clone()),
            unit: unit.map(|(unit, _)| unit).or(caption_unit),
            tag: tag.map(|(text, _)| text),
            aligned,
        };
        self.rows = Some(OpenRows { rows, lines, context, caption_lines: caption.map(|caption| caption.lines), start });
    }

    fn flush_rows(&mut self) {
        let Some(open) = self.rows.take() else { return };
        let caption = (open.context.label.clone(), open.context.caption.clone());
        match tables::build(&open.rows, open.context, self.warnings) {
            Block::Table(mut table) => {
                table.lines = [open.start, open.lines[1]];
                // A caption inside the table's own range (after its label) needs no lines of its own.
                table.caption_lines = open.caption_lines.filter(|caption| caption[0] < open.start);
                self.push(Block::Table(table));
            }
            Block::Unresolved { tag, mut fragments, .. } => {
                // The caption stays: a paragraph of its own above the fragments, or one of
                // them when it lies inside their lines (after the table's label).
                if let Some(lines) = open.caption_lines {
                    let text = [caption.0, caption.1].into_iter().flatten().collect::<Vec<_>>().join(" ");
                    if lines[0] < open.start {
                        self.push(Block::Paragraph { lines, tag: None, text });
                    } else {
                        fragments.push(Item { line: lines[0], text });
                    }
                }
                fragments.sort_by_key(|fragment| fragment.line);
                self.push(Block::Unresolved { lines: [open.start, open.lines[1]], tag, fragments });
            }
            other => self.push(other),
        }
    }

    /// A caption, unit or label that found no table becomes a paragraph.
    fn flush_caption(&mut self) {
        if let Some(caption) = self.caption.take() {
            let text = match caption.text {
                Some(text) => format!("{} {}", caption.label, text),
                None => caption.label,
            };
            self.push(Block::Paragraph { lines: caption.lines, tag: None, text });
        }
    }

    fn flush_pending(&mut self) {
        self.flush_rows();
        self.flush_caption();
        if let Some((text, line)) = self.unit.take() {
            self.push(Block::Paragraph { lines: [line, line], tag: None, text });
        }
        if let Some((text, line)) = self.tag.take() {
            self.push(Block::Paragraph { lines: [line, line], tag: None, text });
        }
    }
}

fn widen(lines: [u32; 2], tag: &Option<(String, u32)>) -> [u32; 2] {
    match tag {
        Some((_, line)) => [lines[0].min(*line), lines[1]],
        None => lines,
    }
}

fn block_first_line(block: &Block) -> u32 {
    match block {
        Block::Paragraph { lines, .. }
        | Block::List { lines, .. }
        | Block::Note { lines, .. }
        | Block::Unresolved { lines, .. }
        | Block::Toc { lines, .. }
        | Block::Furniture { lines, .. } => lines[0],
        Block::Table(table) => table.lines[0],
    }
}
