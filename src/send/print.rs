//! The day's print run: the posted documents' print copies in one PDF, each starting on a new
//! sheet of a duplex printer (a blank back page after a document with an odd number of pages),
//! and beside it a CSV file of the emailed documents for the council's mail system.
//!
//! The merging is lopdf's: each document's objects are renumbered into one file and its pages
//! hung from one page tree. The print file is for the printer, not a reader: it drops each
//! document's tags and outline (the archived copies keep theirs).

use std::path::Path;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};

/// An A4 page in points, for the blank back pages.
const A4: [f32; 2] = [595.28, 841.89];

/// The PDFs in order, each starting on a new sheet when printed on both sides.
pub fn merge_for_duplex(pdfs: &[Vec<u8>]) -> Result<Vec<u8>, String> {
    let mut merged = Document::with_version("1.7");
    let pages_id = merged.new_object_id();
    let mut kids: Vec<ObjectId> = Vec::new();
    for bytes in pdfs {
        let mut doc = Document::load_mem(bytes).map_err(|e| format!("cannot read a PDF: {e}"))?;
        doc.renumber_objects_with(merged.max_id + 1);
        merged.max_id = doc.max_id;
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        let count = pages.len();
        let catalog = doc.trailer.get(b"Root").and_then(Object::as_reference).ok();
        let tree = catalog
            .and_then(|c| doc.get_dictionary(c).ok())
            .and_then(|c| c.get(b"Pages").and_then(Object::as_reference).ok());
        for (id, object) in doc.objects {
            if Some(id) == catalog || Some(id) == tree {
                continue;
            }
            merged.objects.insert(id, object);
        }
        for page in &pages {
            let dict = merged
                .get_dictionary_mut(*page)
                .map_err(|e| format!("a PDF page is not a page: {e}"))?;
            dict.set("Parent", pages_id);
            // Tags belong to the document's structure tree, which the print file drops.
            dict.remove(b"StructParents");
        }
        kids.extend(pages);
        if count % 2 == 1 {
            kids.push(blank_page(&mut merged, pages_id));
        }
    }
    merged.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Count" => kids.len() as i64,
            "Kids" => kids.iter().map(|k| Object::Reference(*k)).collect::<Vec<_>>(),
        }),
    );
    let catalog = merged.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    merged.trailer.set("Root", catalog);
    merged.prune_objects();
    let mut out = Vec::new();
    merged
        .save_to(&mut out)
        .map_err(|e| format!("cannot write the print file: {e}"))?;
    Ok(out)
}

/// An empty A4 page: the back of a document's last sheet.
fn blank_page(doc: &mut Document, parent: ObjectId) -> ObjectId {
    let contents = doc.add_object(Stream::new(Dictionary::new(), Vec::new()));
    doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => parent,
        "MediaBox" => vec![0.into(), 0.into(), A4[0].into(), A4[1].into()],
        "Contents" => contents,
        "Resources" => Dictionary::new(),
    })
}

/// One emailed document, as a row of the mail system's CSV file.
#[derive(Debug)]
pub struct EmailRow {
    pub recipient: String,
    pub email: String,
    pub method: String,
    pub subject: String,
    /// The archived files to attach.
    pub files: Vec<String>,
    pub case: String,
}

/// Writes the emailed documents' CSV file.
pub fn write_email_csv(path: &Path, rows: &[EmailRow]) -> Result<(), String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = ["recipient", "email", "method", "subject", "files", "case"];
    writer.write_record(header).map_err(|e| e.to_string())?;
    for row in rows {
        // The files in one cell, separated by `;`, as mail merge tools take attachments.
        let files = row.files.join(";");
        let record = [
            &row.recipient,
            &row.email,
            &row.method,
            &row.subject,
            &files,
            &row.case,
        ];
        writer.write_record(record).map_err(|e| e.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    crate::write::write_atomic(path, &bytes)
        .map(|_| ())
        .map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF of `pages` A4 pages, each with a content stream saying its number.
    fn pdf(pages: usize) -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let tree = doc.new_object_id();
        let kids: Vec<Object> = (1..=pages)
            .map(|n| {
                let content = doc.add_object(Stream::new(
                    Dictionary::new(),
                    format!("% {n}").into_bytes(),
                ));
                let page = doc.add_object(dictionary! {
                    "Type" => "Page", "Parent" => tree, "Contents" => content,
                    "MediaBox" => vec![0.into(), 0.into(), A4[0].into(), A4[1].into()],
                });
                Object::Reference(page)
            })
            .collect();
        doc.objects.insert(
            tree,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Count" => pages as i64, "Kids" => kids },
            ),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => tree });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("saved");
        out
    }

    #[test]
    fn r15_each_document_starts_on_the_front_of_a_sheet() {
        // 1 page, then a blank back; 3 pages, then a blank back; 2 pages.
        let merged = merge_for_duplex(&[pdf(1), pdf(3), pdf(2)]).expect("merged");
        let doc = Document::load_mem(&merged).expect("a PDF");
        let contents: Vec<Vec<u8>> = (doc.get_pages().values())
            .map(|&page| doc.get_page_content(page))
            .collect();
        let said: Vec<&str> = (contents.iter())
            .map(|c| std::str::from_utf8(c).unwrap_or("?").trim())
            .collect();
        assert_eq!(said, ["% 1", "", "% 1", "% 2", "% 3", "", "% 1", "% 2"]);
    }
}
