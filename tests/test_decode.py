"""Tests for pipeline.decode: encodings, binary refusal, mojibake repair, normalisation."""

from __future__ import annotations

import codecs
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.decode import DecodedText, decode_bytes, normalize_text, repair_mojibake
from pipeline.errors import DecodeError

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "seed" / "medical-records-technician.txt"


def _garble_table(codec: str) -> dict[int, str]:
    """How a garbler shows each byte 0x80-0xFF: the code page, its holes filled from cp1252, else C1."""
    table = {}
    for byte in range(0x80, 0x100):
        raw = bytes([byte])
        for source in (codec, "cp1252", "latin-1"):
            try:
                table[byte] = raw.decode(source)
                break
            except UnicodeDecodeError:
                continue
    return table


GREEK_GARBLE = _garble_table("cp1253")
LATIN_GARBLE = _garble_table("cp1252")


def garble(text: str, table: dict[int, str] = GREEK_GARBLE) -> str:
    return "".join(chr(b) if b < 0x80 else table[b] for b in text.encode("utf-8"))


# --- repair_mojibake ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("garbled", "expected"),
    [
        ("πŸ“ˆ", "📈"),
        ("β€”", "—"),
        ("βœ…", "✅"),
        ("πŸ‡ΊπŸ‡Έ", "🇺🇸"),
        ("β€Ί", "›"),
        ("β€“", "–"),
        ("πŸ“ˆ Market Demand", "📈 Market Demand"),
        ("37,000β€”58,000", "37,000—58,000"),
    ],
)
def test_repairs_cp1253_mojibake_from_the_sample(garbled: str, expected: str) -> None:
    assert repair_mojibake(garbled)[0] == expected


@pytest.mark.parametrize(
    ("garbled", "expected"),
    [
        ("itâ€™s", "it’s"),
        ("cafÃ©", "café"),
        ("â€œquotedâ€\x9d", "“quoted”"),
        ("â€“ and â€”", "– and —"),
        ("Ã¼ber MÃ¼ller", "über Müller"),
        ("ðŸ“ˆ", "📈"),
        ("Â£5", "£5"),
        ("ÃƒÂ©", "é"),  # garbled twice
    ],
)
def test_repairs_cp1252_mojibake(garbled: str, expected: str) -> None:
    assert repair_mojibake(garbled)[0] == expected


def test_repair_counts_sequences() -> None:
    assert repair_mojibake("πŸ‡ΊπŸ‡Έ and β€”") == ("🇺🇸 and —", 3)
    assert repair_mojibake("plain ascii") == ("plain ascii", 0)


ROUND_TRIP = [
    "📈",
    "✅",
    "❌",
    "🇺🇸",
    "—",
    "–",
    "›",
    "’",
    "“quoted”",
    "café",
    "naïve résumé",
    "Ångström",
    "€100",
    "™ © ®",
    "½ °C ± 2",
    "x² ≤ y",
    "• bullet",
    "❤️",
    "👩‍💻",
    "Ωμέγα",
    "Καλημέρα κόσμε",
    "Привет, мир",
    "日本語",
    "שלום",
    "Việt Nam ẞ",
    "Müller’s “Straße”",
]


@pytest.mark.parametrize("text", ROUND_TRIP)
@pytest.mark.parametrize("table", [GREEK_GARBLE, LATIN_GARBLE], ids=["cp1253", "cp1252"])
def test_garbled_text_repairs_back(text: str, table: dict[int, str]) -> None:
    garbled = garble(text, table)
    assert garbled != text
    assert repair_mojibake(garbled)[0] == text
    assert repair_mojibake(garble(garbled, table))[0] == text  # double mojibake


def test_sample_mojibake_is_exactly_the_cp1253_garble() -> None:
    assert garble("📈") == "πŸ“ˆ"
    assert garble("🇺🇸") == "πŸ‡ΊπŸ‡Έ"
    assert garble("—") == "β€”"


LEGITIMATE = [
    "’",
    "é",
    "❌",
    "•",
    "—",
    "ü",
    "–",
    "Καλημέρα",
    "ΚΆΤΙ ΆΛΛΟ",
    "Αθήνα",
    "πόλη",
    "Ελληνικά",
    "ΑΥΤΟΣ…",
    "ΞΈΝΟΣ",  # CE B8 is θ in UTF-8; real all-caps Greek must still win
    "ΠΆΝΩ",
    "ΔΈΝΤΡΟ",
    "ΛΈΞΗ",
    "«ΤΙΜΗ»",
    "Straße“",
    "CAFÉ®",
    "café…”",
    "Müller’s",
    "“Quoted” — text… • item",
    "© 2024 ® ™ £ €",
    "10 °C ± 2",
    "Ñandú’s",
    "naïve résumé’s",
]


@pytest.mark.parametrize("text", LEGITIMATE)
def test_legitimate_text_is_unchanged(text: str) -> None:
    assert repair_mojibake(text) == (text, 0)
    assert decode_bytes(text.encode("utf-8")).text == text


def test_real_greek_next_to_mojibake() -> None:
    assert repair_mojibake("Αθήνα πŸ“ˆ ΚΆΤΙ") == ("Αθήνα 📈 ΚΆΤΙ", 1)


@pytest.mark.parametrize("text", ["", "plain ascii text", "a\nb\r\nc", "x = 1; y = [2, 3]"])
def test_clean_ascii_unchanged(text: str) -> None:
    assert repair_mojibake(text) == (text, 0)


# --- normalize_text -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb\rc", "a\nb\nc"),
        ("a\r\n\r\nb\r", "a\n\nb\n"),
        ("\ufeffhello", "hello"),
        ("cafe\u0301", "café"),  # NFC
        ("tab\there\u00a0nbsp", "tab\there\u00a0nbsp"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


# --- decode_bytes -------------------------------------------------------------------------


def test_utf8_bom() -> None:
    result = decode_bytes(codecs.BOM_UTF8 + "Hello\r\nwörld".encode())
    assert result == DecodedText(text="Hello\nwörld", encoding="utf-8-sig", repaired=0)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(b"a\r\nb\r\n", "a\nb\n"), (b"a\rb\rc", "a\nb\nc"), (b"mixed\r\nends\rhere\n", "mixed\nends\nhere\n")],
)
def test_line_endings(raw: bytes, expected: str) -> None:
    assert decode_bytes(raw).text == expected


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Héllo 📈\r\nΑθήνα".encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_LE + "Héllo 📈\r\nΑθήνα".encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + "Héllo 📈\r\nΑθήνα".encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF32_LE + "Héllo 📈\r\nΑθήνα".encode("utf-32-le"), "utf-32"),
        (codecs.BOM_UTF32_BE + "Héllo 📈\r\nΑθήνα".encode("utf-32-be"), "utf-32"),
    ],
)
def test_utf16_and_utf32_with_bom(data: bytes, encoding: str) -> None:
    assert decode_bytes(data) == DecodedText(text="Héllo 📈\nΑθήνα", encoding=encoding, repaired=0)


def test_cp1252_file() -> None:
    result = decode_bytes(b"caf\xe9 \x93quoted\x94 \x96 it\x92s")
    assert result == DecodedText(text="café “quoted” – it’s", encoding="cp1252", repaired=0)


@pytest.mark.parametrize(
    ("head", "body", "codec"),
    [
        ('<meta charset="iso-8859-7">', "Καλημέρα, ΚΆΤΙ Αθήνα", "iso8859-7"),
        ("<meta charset=windows-1253>", "Καλημέρα, ΚΆΤΙ Αθήνα", "cp1253"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', "Привет, мир", "koi8-r"),
        ('<?xml version="1.0" encoding="ISO-8859-7"?>', "πόλη Αθήνα", "iso8859-7"),
    ],
)
def test_declared_charset(head: str, body: str, codec: str) -> None:
    page = f"<html><head>{head}</head><body><p>{body}</p></body></html>"
    data = page.encode(codec)
    assert data.decode("cp1252", "replace") != page  # the declaration really matters
    assert decode_bytes(data) == DecodedText(text=page, encoding=codec, repaired=0)


def test_latin1_declaration_reads_as_windows_1252() -> None:
    page = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>café “quoted”</p>'
    assert decode_bytes(page.encode("cp1252")).text == page


def test_unknown_declared_charset_falls_back_to_cp1252() -> None:
    assert decode_bytes(b'<meta charset="x-no-such-codec"><p>caf\xe9</p>').encoding == "cp1252"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file: no text to parse"),
        (b"  \n\t\r\n ", "empty file: no text to parse"),
        (codecs.BOM_UTF8, "empty file: no text to parse"),
        (codecs.BOM_UTF8 + b" \r\n", "empty file: no text to parse"),
        ("\u3000\u00a0".encode(), "empty file: no text to parse"),
        (b"abc\x00def", "binary file (contains NUL bytes at offset 3); expected UTF-8 text or HTML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a PNG image, not text or HTML"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "looks like a PDF file, not text or HTML"),
        (b"PK\x03\x04\x14\x00", "looks like a ZIP archive (or .docx/.xlsx), not text or HTML"),
        (b"\x1f\x8b\x08\x00", "looks like a GZIP archive, not text or HTML"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "looks like a JPEG image, not text or HTML"),
        (b"\x01\x02\x03\x04text", "binary file (50% control bytes); expected UTF-8 text or HTML"),
        (
            bytes(range(0x80, 0x100)) * 3,
            "not valid UTF-8 (invalid byte 0x80 at offset 0) and no other encoding fits",
        ),
        (codecs.BOM_UTF16_LE + b"\x00\xd8\x41\x00", "starts with a utf-16 byte-order mark but is not valid utf-16"),
    ],
)
def test_refusals_explain_themselves(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError) as caught:
        decode_bytes(data)
    assert caught.value.reason == reason


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Growth 📈".encode()[:-1], "Growth \ufffd"),
        ("Growth 📈".encode()[:-2], "Growth \ufffd"),
        ("café — done".encode() + "—".encode()[:2], "café — done\ufffd"),
        ("naïve ".encode() + b"\xc3", "naïve \ufffd"),
    ],
)
def test_truncated_utf8_at_end(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == DecodedText(text=expected, encoding="utf-8", repaired=0)


def test_single_trailing_high_byte_after_ascii_is_cp1252() -> None:
    # Without other UTF-8 evidence, "caf\xe9" is cp1252 "café", not a cut-off character.
    assert decode_bytes(b"caf\xe9") == DecodedText(text="café", encoding="cp1252", repaired=0)


def test_truncated_utf16_with_bom() -> None:
    assert decode_bytes("hi 📈".encode("utf-16")[:-1]).text == "hi \ufffd"


# --- the seed sample ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_bytes() -> bytes:
    if not SAMPLE.exists():
        pytest.skip(f"seed sample not found at {SAMPLE}")
    return SAMPLE.read_bytes()


def test_sample_decodes_clean(sample_bytes: bytes) -> None:
    result = decode_bytes(sample_bytes)
    assert result.encoding == "utf-8"
    assert result.repaired == 6  # 📈, 🇺🇸 (two code points), —, ✅, ›
    for marker in ("πŸ", "β€", "βœ", "Î", "â€"):
        assert marker not in result.text
    for wanted in ("📈", "✅", "❌", "’", "🇺🇸", "—", "›", "37,000—58,000"):
        assert wanted in result.text


def test_sample_encodings_agree(sample_bytes: bytes) -> None:
    direct = decode_bytes(sample_bytes).text
    crlf_bom = codecs.BOM_UTF8 + sample_bytes.decode("utf-8").replace("\n", "\r\n").encode("utf-8")
    assert decode_bytes(crlf_bom).text == direct

    # cp1252 cannot hold the emoji, so compare the largest cp1252-representable version.
    representable = "".join(c for c in direct if c.encode("cp1252", "ignore"))
    assert len(representable) > 0.99 * len(direct)
    from_cp1252 = decode_bytes(representable.encode("cp1252"))
    assert from_cp1252.encoding == "cp1252"
    assert from_cp1252.text == decode_bytes(representable.encode("utf-8")).text == representable
    assert decode_bytes(codecs.BOM_UTF8 + representable.replace("\n", "\r\n").encode()).text == representable


def test_sample_utf16(sample_bytes: bytes) -> None:
    assert decode_bytes(sample_bytes.decode("utf-8").encode("utf-16")).text == decode_bytes(sample_bytes).text


# --- properties ---------------------------------------------------------------------------

# Latin-1 letters and unaccented Greek letters are all UTF-8 *lead* bytes in cp1252/cp1253,
# so no string of them can form a valid sequence: safe from mojibake repair by construction.
SAFE_ALPHABET = (
    string.ascii_letters + string.digits + string.punctuation + " \t\n\r" + "äöüßéèàçñøÄÖÜÉÀÇÑαβγδλπωΩΣΔ中文日本語😀📈"
)


@given(st.text(alphabet=SAFE_ALPHABET, min_size=1, max_size=300).filter(lambda s: s.strip()))
def test_utf8_text_round_trips(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")).text == normalize_text(text)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=600),
        st.tuples(
            st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"<meta charset=koi8-r>"]), st.binary()
        ).map(b"".join),
    )
)
def test_arbitrary_bytes_only_raise_decode_error(data: bytes) -> None:
    try:
        result = decode_bytes(data)
    except DecodeError as exc:
        assert exc.reason
    else:
        assert result.text.strip()
        assert "\r" not in result.text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark_is_read(codec: str) -> None:
    text = SAMPLE.read_bytes().decode("utf-8")
    decoded = decode_bytes(text.encode(codec))
    assert decoded.encoding == codec
    assert decoded.text == decode_bytes(SAMPLE.read_bytes()).text


@pytest.mark.parametrize("data", [bytes(range(256)) * 20, b"\x00" * 64 + b"text", b"a\x00b\x00\x01\x00\x02\x00" * 100])
def test_nul_patterned_binary_is_still_refused(data: bytes) -> None:
    with pytest.raises(DecodeError, match="binary file"):
        decode_bytes(data)
