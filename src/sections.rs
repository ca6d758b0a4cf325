//! Stage 4, pieces → the heading tree. Decides which heading candidates are
//! headings from the numbering so far: `②` after `①` is its sibling, a marker
//! that restarts at 1 under another opens a new level (`(1)` under `③`), a
//! marker that climbs back (`（2）` after `(4)` of a nested level) closes the
//! levels in between, and a candidate that fits nowhere (`（2）現状と課題でも
//! 触れたとおり、…`) is text. Attaches bracketed labels, captions and units to
//! the blocks that follow, joins a table cut in two by a blank line, and asks
//! `tables` to rebuild each table.

use crate::blocks::{has_sentence_stop, push_joined, runs_on, Heading, Piece, PieceKind, RawRow, Unresolved, MIN_WRAPPED_CHARS};
use crate::grid;
use crate::model::{Block, Item, Section, Warning};
use crate::tables::{self, Context};

/// Deepest heading level kept; real plans use five or six (`第N章 > N > (N) > ① > ア > (ア)`).
const MAX_DEPTH: usize = 10;

/// Most requirement grids rebuilt in one document (a plan has a dozen; the
/// cap bounds the work on inputs made of nothing else).
const MAX_GRIDS: usize = 200;

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
    /// The marker kind and last number of the numbered list (`①②③`) that the
    /// open section's last block is, while later candidates may continue it.
    items_of: Option<(&'static str, u32)>,
    /// Characters of the line of the last such item, while it may run on.
    item_line_chars: usize,
    /// For each open section, whether its marker was glued to the title.
    open_glued: Vec<bool>,
    n_tables: usize,
    /// Requirement grids met so far (each rebuild compares every cell with every label).
    n_grids: usize,
    /// Page furniture after a lone header row, held until it is known whether the header's rows
    /// follow (then the lines are the table's) or not (then the furniture follows the table).
    held_furniture: Vec<Block>,
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
        items_of: None,
        item_line_chars: 0,
        open_glued: Vec::new(),
        n_tables: 0,
        n_grids: 0,
        held_furniture: Vec::new(),
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
        // (A lone header row stays open over the page's furniture: its rows may follow on the
        // next page, `tables::continues`.)
        if let PieceKind::Furniture(text) = &piece.kind {
            if self.rows.as_ref().is_some_and(|open| open.rows.len() == 1) {
                self.held_furniture.push(Block::Furniture { lines, text: text.clone() });
                return;
            }
        }
        if !matches!(piece.kind, PieceKind::Rows { .. } | PieceKind::Separator(_)) {
            self.flush_rows();
        }
        match piece.kind {
            PieceKind::Heading(heading) => {
                if self.is_list_item(&heading) {
                    self.list_item(*heading, lines);
                } else if self.accepts(&heading) {
                    self.flush_pending();
                    self.open_section(*heading);
                } else {
                    let tag = self.take_tag();
                    self.push(Block::Paragraph { lines: widen(lines, &tag), tag: tag.map(|(text, _)| text), text: heading.text });
                }
            }
            PieceKind::Paragraph(text) => {
                if self.continue_item(&text, lines) || self.continue_title(&text, lines) {
                    return;
                }
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
                    self.push(lone_tag(text, line));
                }
                self.tag = Some((text, piece.first));
            }
            PieceKind::Rows { rows, aligned, header } => self.rows(rows, aligned, header, lines),
            // (Not over furniture held after a lone header row: the table ends before it.)
            PieceKind::Separator(text) => match self.rows.as_mut().filter(|_| self.held_furniture.is_empty()) {
                Some(open) => open.lines[1] = piece.last,
                None => {
                    self.flush_rows();
                    self.push(Block::Furniture { lines, text });
                }
            },
            PieceKind::Furniture(text) => self.push(Block::Furniture { lines, text }),
            PieceKind::Unresolved(unresolved) => {
                // A caption waiting for its table does not reach over a table left unread:
                // it would name the next one read, however far away (pdfminer).
                self.flush_caption();
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
            PieceKind::Grid(grid) => {
                let crate::blocks::GridPiece { fragments, aligned } = *grid;
                self.grid(fragments, aligned, lines)
            }
        }
    }

    /// A requirement grid printed out of order: rebuilt with the rows the
    /// numbered list above it names, or kept as fragments with the reason.
    fn grid(&mut self, fragments: Vec<Item>, aligned: Option<Box<grid::Grid>>, lines: [u32; 2]) {
        self.n_grids += 1;
        let rebuilt = if self.n_grids > MAX_GRIDS {
            Err(format!("more than {MAX_GRIDS} such grids in one document; the rest are not compared"))
        } else {
            self.list_above().ok_or_else(|| "no numbered list `①…` above it names its rows".to_string())
        };
        let rebuilt = rebuilt.and_then(|labels| match aligned {
            // Printed in rows (`pdftotext -layout`), numbered as the list is.
            Some(aligned) if aligned.rows.len() == labels.len() => Ok((*aligned, labels)),
            _ => Ok((grid::rebuild(&fragments, &labels)?, labels)),
        });
        let (grid, labels) = match rebuilt {
            Ok(rebuilt) => rebuilt,
            Err(why) => {
                let reason = format!(
                    "a `資源 | 現在の整備・取組状況 | 整備すべき見込量等` grid whose cells came out of order (raw pdftotext): {why}"
                );
                return self.piece(Piece {
                    first: lines[0],
                    last: lines[1],
                    kind: PieceKind::Unresolved(Box::new(Unresolved { fragments, reason })),
                });
            }
        };
        if let Some((score, next)) = grid.scores {
            self.warnings.push(Warning {
                line: grid.header_line,
                code: "grid_rows_by_content".into(),
                message: match next {
                    Some(next) => format!(
                        "a `資源` grid printed out of order: its {} rows placed by the words and units their cells share with the list above (best placement scored {score:.2}, the next {next:.2}); check them",
                        grid.rows.len(),
                    ),
                    None => "a `資源` grid printed out of order: its one row is the one item of the list above".to_string(),
                },
            });
        }
        let [current, target] = grid.columns;
        let mut rows = vec![RawRow::new(grid.header_line, 0, vec![grid.stub, current, target])];
        for (label, (number_line, [first, second])) in labels.into_iter().zip(grid.rows) {
            rows.push(RawRow {
                line: number_line,
                page: 0,
                cells: vec![label, first.1, second.1],
                cell_lines: vec![number_line, first.0, second.0],
            });
        }
        self.rows(rows, false, true, lines);
        self.flush_rows();
    }

    /// The labels of the numbered list (`①…`, `②…`) in the open section or, if
    /// none, in the section just before it, markers dropped.
    fn list_above(&self) -> Option<Vec<String>> {
        let current = self.open.last()?;
        let before = self.open.len().checked_sub(2).and_then(|parent| self.open[parent].sections.last());
        [Some(current), before].into_iter().flatten().find_map(|section| {
            let items = section.blocks.iter().filter_map(|block| match block {
                Block::List { items, .. } => Some(items),
                _ => None,
            });
            let mut labels = Vec::new();
            for (idx, item) in items.flatten().enumerate() {
                let mut chars = item.text.chars();
                let marker = chars.next().filter(|c| matches!(c, '①'..='⑳'))?;
                if marker as usize - '①' as usize != idx {
                    return None;
                }
                labels.push(chars.as_str().trim().to_string());
            }
            (!labels.is_empty()).then_some(labels)
        })
    }

    /// True when a heading candidate is an item of a numbered list: the next
    /// number of the list just made, or a `①` written otherwise than the
    /// `① …` section open above it (`①こどもの…` glued to its marker under
    /// `① 児童相談所…`): circled numbers do not nest inside themselves, so
    /// these are the items of a list. (Bracketed numbers do: seed 003 has
    /// `(1)` under `③` under `(1)`.)
    fn is_list_item(&self, heading: &Heading) -> bool {
        let Some(number) = heading.number else { return false };
        match self.items_of {
            Some((kind, last)) if kind == heading.kind && number == last + 1 => true,
            _ => {
                let glued = is_glued(heading);
                number == 1
                    && heading.kind == "circled"
                    && self
                        .open
                        .iter()
                        .zip(&self.open_glued)
                        .any(|(section, open_glued)| section.kind == heading.kind && *open_glued != glued)
            }
        }
    }

    /// Joins `text` (the paragraph at `lines`) to the last item of the
    /// numbered list the open section ends with, when it is the rest of the
    /// item's wrapped line (`④…ライセンス取得に向け` / `た体制の整備`) and no
    /// sentence of its own.
    fn continue_item(&mut self, text: &str, lines: [u32; 2]) -> bool {
        if self.items_of.is_none() || self.item_line_chars == 0 || has_sentence_stop(text) {
            return false;
        }
        let line_chars = self.item_line_chars;
        let Some(section) = self.open.last_mut() else { return false };
        let Some(Block::List { items, lines: list_lines, .. }) =
            section.blocks.iter_mut().rev().find(|block| !matches!(block, Block::Furniture { .. }))
        else {
            return false;
        };
        let Some(item) = items.last_mut().filter(|item| runs_on(&item.text, line_chars, text)) else { return false };
        push_joined(&mut item.text, text);
        list_lines[1] = list_lines[1].max(lines[1]);
        self.item_line_chars = 0;
        true
    }

    /// Joins `text` (the paragraph at `lines`) to the title of the section
    /// just opened, when it is the rest of the heading's wrapped line: on the
    /// very next line, one short line with no sentence stop, after a heading
    /// line long enough to have wrapped (`第７章 …パーマネンシー保障に向けた` /
    /// `取組`). Under a heading other than a chapter the rest must also show
    /// that it continues the title: a numbered heading's next short line is as
    /// often a table's first cell (`4. …の分布率を反映` / `乳児院`).
    fn continue_title(&mut self, text: &str, lines: [u32; 2]) -> bool {
        let Some(section) = self.open.last_mut().filter(|section| section.title_lines.is_none()) else {
            return false;
        };
        let Some(title) = section.title.as_mut() else { return false };
        // The next line; under a chapter, one blank line may come between (pdfplumber's layout mode).
        // (Tested first: it turns down nearly every paragraph with a few comparisons.)
        let gap = if section.kind == "chapter" { 2 } else { 1 };
        let next_line = lines[0] > section.line
            && lines[0] - section.line <= gap
            && lines[0] == lines[1]
            && section.blocks.is_empty()
            && section.sections.is_empty();
        if !next_line {
            return false;
        }
        // Under other headings the rest must show it: it closes a bracket the title left
        // open, or starts with a particle (`…アドボカ` / `シー)`, `…施設等` / `の確保`).
        if section.kind != "chapter" && !crate::columns::continues_label(title, text) {
            return false;
        }
        let heading_chars = section.marker.as_deref().map_or(0, |marker| marker.chars().count() + 1) + title.chars().count();
        // A heading's bigger type wraps it short (`2 当事者である…(意見聴取・アドボカ` is 29
        // characters): outside chapters the rest's own evidence is enough.
        let heading_chars = if section.kind == "chapter" { heading_chars } else { heading_chars.max(MIN_WRAPPED_CHARS) };
        let wrapped = text.chars().count() <= MAX_TITLE_REST_CHARS && !has_sentence_stop(text) && runs_on(title, heading_chars, text);
        if wrapped {
            push_joined(title, text);
            section.title_lines = Some([section.line, lines[1]]);
        }
        wrapped
    }

    /// Adds a list item made from a heading candidate: to the list the open
    /// section ends with, or as a new list. Page furniture between two items
    /// (`資料８`) keeps its line: the items after it are a list of their own,
    /// numbered on.
    fn list_item(&mut self, heading: Heading, lines: [u32; 2]) {
        self.item_line_chars = heading.text.chars().count();
        let item = Item { line: heading.line, text: heading.text };
        let list = self.items_of.and_then(|_| match self.open.last_mut()?.blocks.last_mut()? {
            Block::List { lines, items, .. } => Some((lines, items)),
            _ => None,
        });
        match list {
            Some((list_lines, items)) => {
                items.push(item);
                list_lines[1] = lines[1];
            }
            None => {
                let tag = self.take_tag();
                self.push(Block::List { lines: widen(lines, &tag), tag: tag.map(|(text, _)| text), items: vec![item] });
            }
        }
        self.items_of = Some((heading.kind, heading.number.unwrap_or(0)));
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
        let title_like = !heading.title().contains('、') && heading.title().chars().count() <= 40;
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
        self.items_of = None;
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
        self.open_glued.push(is_glued(&heading));
        let title = heading.title().to_string();
        self.open.push(Section {
            marker: Some(heading.marker),
            kind: heading.kind.to_string(),
            number: heading.number,
            title: Some(title),
            line: heading.line,
            title_lines: None,
            blocks: Vec::new(),
            sections: Vec::new(),
        });
    }

    fn close_to(&mut self, depth: usize) {
        while self.open.len() > depth {
            let Some(mut section) = self.open.pop() else { break };
            self.open_glued.pop();
            if self.open.iter().any(|open| open.kind == "circled") {
                items_from_subsections(&mut section);
            }
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
                self.push_block(lone_tag(text, line));
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
        if !matches!(block, Block::Furniture { .. }) {
            self.items_of = None;
        }
        // A bullet line on its own (`lone_tag`) right under a list, a blank line
        // at most between, is that list's next item.
        if let Block::List { lines: [first, last], tag: None, items } = &block {
            if first == last && items.len() == 1 {
                if let Some(Block::List { lines: list_lines, items: list_items, .. }) =
                    self.open.last_mut().and_then(|section| section.blocks.last_mut())
                {
                    if list_lines[1] < *first && *first <= list_lines[1] + 2 {
                        list_lines[1] = *last;
                        list_items.extend(items.iter().cloned());
                        return;
                    }
                }
            }
        }
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
                        title_lines: None,
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
                self.push(lone_tag(text.clone(), *line));
                tag = None;
            }
        }
        let Some((unit, unit_line)) = self.unit.take() else { return tag };
        // A label above the unit line would reach over it: both stand alone then.
        let tag = match tag {
            Some((text, line)) if line < unit_line => {
                self.push(lone_tag(text, line));
                None
            }
            tag => tag,
        };
        self.push(Block::Paragraph { lines: [unit_line, unit_line], tag: None, text: unit });
        tag
    }

    fn rows(&mut self, rows: Vec<RawRow>, aligned: bool, header: bool, lines: [u32; 2]) {
        if let Some(open) = self.rows.as_mut() {
            if tables::continues(&open.rows, &rows) {
                open.rows.extend(rows);
                open.lines[1] = lines[1];
                // (The page's furniture in between is inside the table's lines.)
                self.held_furniture.clear();
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
            header,
        };
        self.rows = Some(OpenRows { rows, lines, context, caption_lines: caption.map(|caption| caption.lines), start });
    }

    fn flush_rows(&mut self) {
        self.flush_table();
        for block in std::mem::take(&mut self.held_furniture) {
            self.push(block);
        }
    }

    fn flush_table(&mut self) {
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
            self.push(lone_tag(text, line));
        }
    }
}

/// A label line that introduced nothing: a bullet (`・令和6年度における…100%`)
/// is the one item of a list, anything else a paragraph.
fn lone_tag(text: String, line: u32) -> Block {
    if text.starts_with('・') {
        Block::List { lines: [line, line], tag: None, items: vec![Item { line, text }] }
    } else {
        Block::Paragraph { lines: [line, line], tag: None, text }
    }
}

/// True when the title follows the marker without a space (`①こどもの…`).
fn is_glued(heading: &Heading) -> bool {
    heading.text.strip_prefix(heading.marker.as_str()).and_then(|rest| rest.chars().next()).is_some_and(|c| !c.is_whitespace())
}

fn widen(lines: [u32; 2], tag: &Option<(String, u32)>) -> [u32; 2] {
    match tag {
        Some((_, line)) => [lines[0].min(*line), lines[1]],
        None => lines,
    }
}

/// Longest rest of a heading's wrapped line joined to its title.
const MAX_TITLE_REST_CHARS: usize = 20;

/// Longest text of an item made from a bodiless circled heading (its wrapped rest included).
const MAX_ITEM_CHARS: usize = 200;

/// Turns the subsections of a closing `section` into the numbered list they
/// are, when a circled section is open above it (circled numbers do not nest
/// in themselves: `①…` under `（１）` under `１` under `① 児童相談所…`) and
/// they read as items, not sections: circled `①`, `②`, … in order, none with
/// subsections, each holding nothing but the rest of its wrapped title (a
/// paragraph with no sentence stop: `① …パーマネンシー保` / `障に必要な…`)
/// and, after it, page furniture. Furniture between two items keeps its line; the items
/// after it are a list of their own, numbered on.
fn items_from_subsections(section: &mut Section) {
    let is_item = |(idx, sub): (usize, &Section)| {
        sub.kind == "circled" && sub.number == Some(idx as u32 + 1) && sub.sections.is_empty() && {
            // Each paragraph runs on from the line before it: the title's, then its own.
            // Furniture only after them: an item is not cut in two.
            let mut before = format!("{} {}", sub.marker.as_deref().unwrap_or(""), sub.title.as_deref().unwrap_or(""));
            let mut furniture = false;
            sub.blocks.iter().all(|block| match block {
                Block::Paragraph { tag: None, text, .. }
                    if !furniture && !has_sentence_stop(text) && runs_on(&before, before.chars().count(), text) =>
                {
                    before.clone_from(text);
                    true
                }
                Block::Furniture { .. } => {
                    furniture = true;
                    true
                }
                _ => false,
            })
        }
    };
    if section.sections.is_empty() || !section.sections.iter().enumerate().all(is_item) {
        return;
    }
    let mut texts = Vec::new();
    for sub in &section.sections {
        let mut text = format!("{} {}", sub.marker.as_deref().unwrap_or(""), sub.title.as_deref().unwrap_or(""));
        for block in &sub.blocks {
            if let Block::Paragraph { text: rest, .. } = block {
                push_joined(&mut text, rest);
            }
        }
        if text.chars().count() > MAX_ITEM_CHARS {
            return;
        }
        texts.push(text);
    }
    let subsections = std::mem::take(&mut section.sections);
    let mut list: Option<([u32; 2], Vec<Item>)> = None;
    for (sub, text) in subsections.into_iter().zip(texts) {
        let last = sub
            .blocks
            .iter()
            .filter(|block| !matches!(block, Block::Furniture { .. }))
            .map(|block| block_lines(block)[1])
            .max()
            .unwrap_or(sub.line);
        let (lines, list_items) = list.get_or_insert_with(|| ([sub.line, sub.line], Vec::new()));
        list_items.push(Item { line: sub.line, text });
        lines[1] = last;
        for block in sub.blocks {
            if let Block::Furniture { .. } = block {
                if let Some((lines, items)) = list.take() {
                    section.blocks.push(Block::List { lines, tag: None, items });
                }
                section.blocks.push(block);
            }
        }
    }
    if let Some((lines, items)) = list.take() {
        section.blocks.push(Block::List { lines, tag: None, items });
    }
}

/// The first and last line of a block (a table's, without its caption).
fn block_lines(block: &Block) -> [u32; 2] {
    match block {
        Block::Paragraph { lines, .. }
        | Block::List { lines, .. }
        | Block::Note { lines, .. }
        | Block::Unresolved { lines, .. }
        | Block::Toc { lines, .. }
        | Block::Furniture { lines, .. } => *lines,
        Block::Table(table) => table.lines,
    }
}

fn block_first_line(block: &Block) -> u32 {
    block_lines(block)[0]
}
