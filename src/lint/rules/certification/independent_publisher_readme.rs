use super::shared::independent_publisher_folder;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An independent publisher's connector folder has no readme.md.
    ///
    /// ## What
    /// The definition lies in a folder directly under `independent-publisher-connectors/` that
    /// holds
    /// no `readme.md` (any letter case). Only the file's presence is checked. Certification
    /// profile.
    ///
    /// ## Why
    /// Independent publishers document their connector (and the steps to register an OAuth app) in
    /// the
    /// folder's readme.md; reviewers send back pull requests without one.
    ///
    /// ## Example
    /// `independent-publisher-connectors/Contoso/` holding only apiDefinition.swagger.json and
    /// apiProperties.json.
    ///
    /// ## Fix
    /// Add readme.md: what the service is, how to get credentials, the operations, known limits.
    pub static RULE = Definition(check) {
        code: "CCF491",
        name: "independent-publisher-readme",
        severity: Error,
        profile: Certification,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(folder) = independent_publisher_folder(&cx.src.name) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return;
    };
    let has_readme = entries.flatten().any(|e| {
        e.file_name()
            .to_str()
            .is_some_and(|n| n.eq_ignore_ascii_case("readme.md"))
    });
    if !has_readme {
        out.emit(cx.src, "", "this independent publisher's connector folder has no readme.md")
            .set_help("add readme.md: the service, how to get credentials, the operations, known limits");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_folder_without_readme_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("independent-publisher-connectors").join("Contoso");
        std::fs::create_dir_all(&folder).unwrap();
        let file = folder.join("apiDefinition.swagger.json");
        let src = crate::source::load_bytes(&file.display().to_string(), br#"{"swagger": "2.0"}"#).unwrap();
        let found = crate::lint::test_support::lint_source(&RULE, src);
        assert_eq!(
            findings(&found),
            [("CCF491", "", "this independent publisher's connector folder has no readme.md")]
        );
        std::fs::write(folder.join("README.md"), "# Contoso").unwrap();
        let src = crate::source::load_bytes(&file.display().to_string(), br#"{"swagger": "2.0"}"#).unwrap();
        assert!(crate::lint::test_support::lint_source(&RULE, src).is_empty());
    }

    #[test]
    fn other_folders_are_not_read() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0"}"#).is_empty());
    }
}
