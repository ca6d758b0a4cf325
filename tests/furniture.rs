//! Page furniture: a running title printed at the top of most pages is furniture,
//! not a paragraph (nor a table's header cell); a line that merely repeats is not.

use keikaku::{Block, Document, Section};

/// (kind, text) of every furniture and paragraph block, in document order.
fn blocks(document: &Document) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut stack: Vec<&Section> = document.sections.iter().rev().collect();
    while let Some(section) = stack.pop() {
        for block in &section.blocks {
            match block {
                Block::Furniture { text, .. } => out.push(("furniture", text.clone())),
                Block::Paragraph { text, .. } => out.push(("paragraph", text.clone())),
                _ => {}
            }
        }
        stack.extend(section.sections.iter().rev());
    }
    out
}

fn parse(text: &str) -> Document {
    keikaku::parse("plan.txt", text.as_bytes()).expect("decodes")
}

#[test]
fn running_title_at_the_top_of_pages_is_furniture() {
    let page = |n: usize| format!("                          明石市社会的養育推進計画\n本文の{n}ページ目です。\n\n- {n} -\n");
    let text = (1..=4).map(page).collect::<Vec<_>>().join("\x0c");
    let blocks = blocks(&parse(&text));
    let titles = blocks.iter().filter(|(kind, text)| *kind == "furniture" && text == "明石市社会的養育推進計画").count();
    assert_eq!(titles, 4, "{blocks:#?}");
    assert!(blocks.iter().all(|(kind, text)| *kind != "paragraph" || !text.contains("推進計画")), "{blocks:#?}");
}

#[test]
fn a_line_at_the_top_of_a_few_pages_is_text() {
    // At the top of 2 pages of 4: not a running title; a sentence ending every page neither.
    let pages = ["計画の概要\n本文です。\n", "計画の概要\n本文です。\n", "第2章\n本文です。\n", "第3章\n本文です。\n"];
    let blocks = blocks(&parse(&pages.join("\x0c")));
    assert!(blocks.iter().all(|(kind, _)| *kind == "paragraph"), "{blocks:#?}");
}
