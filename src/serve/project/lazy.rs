//! The files the preview makes only when a browser asks for them: the site-wide data files
//! and the search index. Each holds the whole site, and neither is looked at after most saves.

use super::Project;
use crate::error::{Error, Result};
use crate::routes::files::{is_search_index, SITE_DATA_CSV, SITE_DATA_JSON};
use crate::search;
use crate::write::data;
use std::sync::Arc;

impl Project {
    /// Makes the site-wide data files when they are out of date.
    pub fn refresh_data(&self) -> Result<()> {
        let Some(state) = &self.state else { return Ok(()) };
        if !self.served.read().unwrap_or_else(|e| e.into_inner()).data_stale {
            return Ok(());
        }
        let p = &state.p;
        let (mut csv, mut json) = (String::new(), String::new());
        let append = |to: &mut String, piece: &str| {
            to.push_str(piece);
            Ok::<(), Error>(())
        };
        data::site_files(
            &p.site,
            &p.computed,
            self.base_url.as_str(),
            |piece| append(&mut csv, piece),
            |piece| append(&mut json, piece),
            |_, _| Ok(()),
        )?;
        let mut served = self.served.write().unwrap_or_else(|e| e.into_inner());
        served.files.insert(SITE_DATA_CSV.into(), Arc::from(csv.into_bytes()));
        served.files.insert(SITE_DATA_JSON.into(), Arc::from(json.into_bytes()));
        served.data_stale = false;
        Ok(())
    }

    /// Makes the search index when it is out of date. Its shard count follows the number of
    /// searchable pages, so the old files go first.
    pub fn refresh_search(&self) -> Result<()> {
        let Some(state) = &self.state else { return Ok(()) };
        if !self.served.read().unwrap_or_else(|e| e.into_inner()).search_stale {
            return Ok(());
        }
        let mut made = Vec::new();
        search::write(&state.p.site, |rel, text| {
            made.push((rel.to_string(), Arc::from(text.as_bytes())));
            Ok::<(), Error>(())
        })?;
        let mut served = self.served.write().unwrap_or_else(|e| e.into_inner());
        served.files.retain(|k, _| !is_search_index(k));
        served.files.extend(made);
        served.search_stale = false;
        Ok(())
    }
}
