//! vCard import: any bytes, no panic; what parses holds only named contacts.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = flocon_core::fuzzing::vcard(data) {
        for contact in &parsed.contacts {
            assert!(
                !contact.first_name.is_empty() || !contact.last_name.is_empty(),
                "a contact without a name: {contact:?}"
            );
        }
    }
    // The import itself detects the format first: the same bytes through that path too.
    let _ = flocon_core::fuzzing::contacts(data);
});
