//! Braille: the document's words in Unified English Braille grade 2 (or Welsh grade 2 for
//! Welsh), as a BRF file, by liblouis (`typeset::braille`).

use super::{Draft, Output};
use crate::diag::Diagnostic;
use crate::model::service::AudioFormat;
use crate::plan::Variant;
use crate::typeset::braille::blocks_to_brf;
use crate::typeset::tools::{LIBLOUIS, Tool};

pub(super) struct Braille;

impl Output for Braille {
    fn makes(&self, variant: Variant) -> bool {
        variant == Variant::Braille
    }

    fn needs(&self, _audio: AudioFormat) -> &'static [Tool] {
        &[LIBLOUIS]
    }

    fn make(&self, draft: &Draft) -> Result<Vec<u8>, Diagnostic> {
        let Some(blocks) = draft.text_blocks()? else {
            return Ok(Vec::new());
        };
        let liblouis = draft.program(&LIBLOUIS)?;
        blocks_to_brf(&blocks, liblouis).map_err(|e| draft.tool_failed(e))
    }
}
