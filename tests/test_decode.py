import pytest

from sitroom.errors import InputError
from sitroom.read import decode


def test_utf8_is_read_as_is():
    decoded = decode.decode("Kyiv – Київ “quoted”".encode(), "a.txt")
    assert decoded.text == "Kyiv – Київ “quoted”"
    assert decoded.encoding == "utf-8"


def test_bom_marks_utf16():
    decoded = decode.decode("Makiivka strike\n".encode("utf-16"), "a.txt")
    assert decoded.text.strip() == "Makiivka strike"


def test_legacy_encoding_is_detected():
    text = "Обстріл Херсона: п'ятеро поранених, повідомила обласна адміністрація. " * 5
    decoded = decode.decode(text.encode("cp1251"), "a.txt")
    assert decoded.text == text
    assert decoded.encoding != "utf-8"


def test_latin1_quotes_are_detected():
    text = "The mayor said \u201cthe city will hold\u201d on Thursday, according to officials."
    decoded = decode.decode(text.encode("cp1252"), "a.txt")
    assert "\u201cthe city will hold\u201d" in decoded.text


@pytest.mark.parametrize(
    "data, problem",
    [(b"", "empty file"), (b"  \n\t\n", "only whitespace"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")],
)
def test_unreadable_bytes_name_the_problem(data, problem):
    with pytest.raises(InputError) as caught:
        decode.decode(data, "input.bin")
    assert problem in str(caught.value)
    assert str(caught.value).startswith("input.bin: ")


def test_size_limit_and_missing_and_directory(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("x" * 2000)
    with pytest.raises(InputError, match="too large: 2,000 bytes, over the limit of 1,000"):
        decode.read_bytes(str(big), 1000)
    with pytest.raises(InputError, match="no such file"):
        decode.read_bytes(str(tmp_path / "absent.txt"), 1000)
    with pytest.raises(InputError, match="is a directory"):
        decode.read_bytes(str(tmp_path), 1000)


def test_max_bytes_from_environment(monkeypatch):
    monkeypatch.setenv("SITROOM_MAX_BYTES", "1234")
    assert decode.max_bytes_from_env() == 1234
    monkeypatch.setenv("SITROOM_MAX_BYTES", "lots")
    with pytest.raises(InputError, match="not a whole number"):
        decode.max_bytes_from_env()
