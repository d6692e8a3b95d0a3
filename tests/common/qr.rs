//! QR codes drawn as text, turned back into pixels and decoded with `rqrr`, so a test can check a
//! code says exactly what it should.

use moodguide::summary::qr::Ink;

/// Pixels per module when a code's text is turned back into an image.
const PIXELS: usize = 4;

/// Turns half-block rows back into a greyscale image, `PIXELS` to a module, with a white margin
/// around it as on a light page; `ink` says which shade the glyphs drew.
pub fn pixels(rows: &[String], ink: Ink) -> (usize, usize, Vec<u8>) {
    let cols = rows[0].chars().count();
    let margin = 2 * PIXELS;
    let (w, h) = (
        cols * PIXELS + 2 * margin,
        rows.len() * 2 * PIXELS + 2 * margin,
    );
    let mut img = vec![255u8; w * h];
    for (r, row) in rows.iter().enumerate() {
        for (x, ch) in row.chars().enumerate() {
            let (top, bottom) = match ch {
                '█' => (true, true),
                '▀' => (true, false),
                '▄' => (false, true),
                ' ' => (false, false),
                other => panic!("a code row holds {other:?}"),
            };
            for (half, inked) in [(0, top), (1, bottom)] {
                // Ink is dark for Ink::Dark; for Ink::Light the ground is the dark shade.
                let dark = inked == (ink == Ink::Dark);
                if !dark {
                    continue;
                }
                for dy in 0..PIXELS {
                    for dx in 0..PIXELS {
                        let py = margin + (r * 2 + half) * PIXELS + dy;
                        let px = margin + x * PIXELS + dx;
                        img[py * w + px] = 0;
                    }
                }
            }
        }
    }
    (w, h, img)
}

/// Decodes the one QR code drawn in `rows`.
pub fn decode(rows: &[String], ink: Ink) -> String {
    let (w, h, img) = pixels(rows, ink);
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| img[y * w + x]);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one code in the picture");
    grids[0].decode().unwrap().1
}
