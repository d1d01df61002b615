//! Audio: the document's words read by espeak-ng from SSML (`typeset::speech`), as WAV, or
//! as MP3 by lame when service.yaml says `audio_format: mp3`. With `--keep-typst`, the SSML
//! is kept beside the recording.

use super::{Draft, Output};
use crate::diag::Diagnostic;
use crate::model::service::AudioFormat;
use crate::plan::Variant;
use crate::typeset::speech::{blocks_to_ssml, blocks_to_wav, wav_to_mp3};
use crate::typeset::tools::{ESPEAK, LAME, Tool};

pub(super) struct Audio;

impl Output for Audio {
    fn makes(&self, variant: Variant) -> bool {
        variant == Variant::Audio
    }

    fn needs(&self, audio: AudioFormat) -> &'static [Tool] {
        match audio {
            AudioFormat::Wav => &[ESPEAK],
            AudioFormat::Mp3 => &[ESPEAK, LAME],
        }
    }

    fn make(&self, draft: &Draft) -> Result<Vec<u8>, Diagnostic> {
        let Some(blocks) = draft.text_blocks()? else {
            return Ok(Vec::new());
        };
        if let Some(path) = draft.kept("ssml") {
            let ssml = blocks_to_ssml(&blocks);
            crate::write::write_atomic(&path, ssml.as_bytes())
                .map_err(|e| super::super::document::write_error(&path, &e))?;
        }
        let espeak = draft.program(&ESPEAK)?;
        let wav = blocks_to_wav(&blocks, espeak).map_err(|e| draft.tool_failed(e))?;
        match draft.ctx.data.service.audio_format {
            AudioFormat::Wav => Ok(wav),
            AudioFormat::Mp3 => {
                let lame = draft.program(&LAME)?;
                wav_to_mp3(&wav, lame).map_err(|e| draft.tool_failed(e))
            }
        }
    }
}
