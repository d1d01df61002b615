//! How a field looks: the appearance streams every viewer draws a field with (PDF 32000-1
//! 12.5.5), so a ticked box and a chosen face look the same in Acrobat Reader, a browser and
//! print. The box or face itself is on the page, drawn by the layout; the "on" look adds only
//! the tick or the ring, and "off" is empty.

use lopdf::{Document, Object, Stream, dictionary};

use crate::model::AnswerKind;

/// The on and off looks of a choice's box: a ring round a face, a tick in a box.
pub(super) fn choice(
    doc: &mut Document,
    rect: [f32; 4],
    kind: AnswerKind,
    accent: [f32; 3],
) -> (Object, Object) {
    let (w, h) = size(rect);
    let [r, g, b] = accent;
    let on = if kind == AnswerKind::Faces {
        // A thick ring over the face's own outline: the face "coloured in" as chosen.
        let width = w.min(h) * 0.09;
        let radius = w.min(h) / 2.0 - width / 2.0;
        format!(
            "q {r} {g} {b} RG {width:.2} w {} S Q",
            circle(w / 2.0, h / 2.0, radius)
        )
    } else {
        // A tick from the lower left up to the top right, inside the box's stroke.
        let width = w.min(h) * 0.14;
        format!(
            "q {r} {g} {b} RG {width:.2} w 1 J 1 j {:.2} {:.2} m {:.2} {:.2} l {:.2} {:.2} l S Q",
            w * 0.2,
            h * 0.52,
            w * 0.42,
            h * 0.25,
            w * 0.82,
            h * 0.8
        )
    };
    (look(doc, w, h, on), look(doc, w, h, String::new()))
}

/// An empty look: nothing drawn, so the page's own box shows. For a text box, marked as the
/// place a viewer writes the typed text into (`/Tx BMC … EMC`).
pub(super) fn empty(doc: &mut Document, rect: [f32; 4], text: bool) -> Object {
    let (w, h) = size(rect);
    let content = if text {
        "/Tx BMC EMC".to_owned()
    } else {
        String::new()
    };
    look(doc, w, h, content)
}

fn size(rect: [f32; 4]) -> (f32, f32) {
    ((rect[2] - rect[0]).max(1.0), (rect[3] - rect[1]).max(1.0))
}

fn look(doc: &mut Document, w: f32, h: f32, content: String) -> Object {
    let dict = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Form",
        "BBox" => vec![0.into(), 0.into(), w.into(), h.into()],
        "Resources" => dictionary! {},
    };
    Object::Reference(doc.add_object(Stream::new(dict, content.into_bytes())))
}

/// A circle as four Bézier curves (the usual 0.5523 handle length).
fn circle(cx: f32, cy: f32, r: f32) -> String {
    let k = 0.5523 * r;
    format!(
        "{:.2} {cy:.2} m {:.2} {:.2} {:.2} {:.2} {cx:.2} {:.2} c \
         {:.2} {:.2} {:.2} {:.2} {:.2} {cy:.2} c \
         {:.2} {:.2} {:.2} {:.2} {cx:.2} {:.2} c \
         {:.2} {:.2} {:.2} {:.2} {:.2} {cy:.2} c",
        cx + r,
        cx + r,
        cy + k,
        cx + k,
        cy + r,
        cy + r,
        cx - k,
        cy + r,
        cx - r,
        cy + k,
        cx - r,
        cx - r,
        cy - k,
        cx - k,
        cy - r,
        cy - r,
        cx + k,
        cy - r,
        cx + r,
        cy - k,
        cx + r,
    )
}
