"""Readers: one report in six formats reads to the same paragraphs; every bad input is an
InputError naming the file (and line)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parkie.errors import InputError
from parkie.read import expand_inputs, html_to_text, iter_jsonl_documents, read_path
from parkie.read.pdf import NO_TEXT_LAYER
from parkie.read.text import human_size
from parkie.segment import paragraphs

# A made-up report: title, prose, a numbered list, a table (tab-joined rows) and an outlook.
TITLE = "星河经济开发区2023年工作总结"
INTRO = (
    "2023年，开发区坚持项目为王，全年实现规上工业总产值286.5亿元，同比增长12.3%；"
    "完成固定资产投资95.2亿元。"
)
ITEMS = [
    "1. 招商引资：新签约项目18个，协议总投资120亿元。",
    "2. 项目建设：绿源新材料二期主体完工，预计明年3月投产。",
    "3. 营商环境：企业开办时间压缩至1个工作日。",
]
TABLE = [
    ["指标", "2023年", "增幅"],
    ["工业总产值（亿元）", "286.5", "12.3%"],
    ["税收收入（亿元）", "18.7", "8.1%"],
]
OUTLOOK = "2024年，开发区将聚焦新能源和智能制造两大产业，力争工业总产值突破320亿元。"
LINES = [TITLE, INTRO, *ITEMS, *("\t".join(row) for row in TABLE), OUTLOOK]
REPORT = "\n".join(LINES) + "\n"


def paras(text: str) -> list[str]:
    return [text[s:e] for s, e in paragraphs(text)]


def write_html(path: Path) -> None:
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>\n" for row in TABLE)
    path.write_text(
        f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>网站首页 - 标题不应出现</title>
<style>.nav {{ color: red; }}</style>
<script>var tracker = "统计代码";</script></head>
<body>
<nav><a href="/">首页</a> | <a href="/news">新闻中心</a></nav>
<noscript>请启用脚本</noscript>
<div class="content">
  <h1>{TITLE}</h1>
  <!-- 这是注释 -->
  <p>&nbsp;&nbsp;{INTRO}</p>
  <div>{ITEMS[0]}</div><div>{ITEMS[1]}</div>
  <div><span>3. 营商环境：</span><b>企业开办时间压缩至1个工作日。</b></div>
  <table>
{rows}  </table>
  <p style="display: none">隐藏的文字</p>
  <p>{OUTLOOK}</p>
</div>
<script>document.write("广告");</script>
</body></html>
""",
        encoding="utf-8",
    )


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph(INTRO)
    for item in ITEMS:
        document.add_paragraph(item)
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    document.add_paragraph("")  # an empty paragraph: no line
    document.add_paragraph(OUTLOOK)
    document.save(str(path))


def write_pdf(path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    pdf.setFont("STSong-Light", 9)
    y = 800
    for line in [TITLE, INTRO, *ITEMS]:
        pdf.drawString(30, y, line)
        y -= 16
    for row in TABLE:  # table cells in columns, as a real table is laid out
        for col, cell in enumerate(row):
            pdf.drawString(30 + 130 * col, y, cell)
        y -= 16
    pdf.drawString(30, y, OUTLOOK)
    pdf.save()


@pytest.fixture()
def report_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "gbk": tmp_path / "gbk.txt",
        "utf8": tmp_path / "utf8.txt",
        "utf8_bom": tmp_path / "utf8bom.md",
        "utf16": tmp_path / "utf16.txt",
        "html": tmp_path / "page.html",
        "docx": tmp_path / "report.docx",
        "pdf": tmp_path / "report.pdf",
    }
    # CRLF in the GBK file: newline normalisation must make it identical.
    files["gbk"].write_bytes(REPORT.replace("\n", "\r\n").encode("gbk"))
    files["utf8"].write_bytes(REPORT.encode("utf-8"))
    files["utf8_bom"].write_bytes(REPORT.encode("utf-8-sig"))
    files["utf16"].write_bytes(REPORT.encode("utf-16"))  # Python writes a BOM
    write_html(files["html"])
    write_docx(files["docx"])
    write_pdf(files["pdf"])
    return files


@pytest.mark.parametrize("kind", ["gbk", "utf8", "utf8_bom", "utf16", "html", "docx", "pdf"])
def test_every_format_reads_to_the_same_paragraphs(report_files: dict[str, Path], kind: str):
    path = report_files[kind]
    docs = read_path(path)
    assert len(docs) == 1
    doc = docs[0]
    assert doc.id == path.stem
    assert doc.meta == {"source": str(path)}
    assert paras(doc.text) == LINES
    assert "\r" not in doc.text and "\ufeff" not in doc.text


def test_plain_text_is_kept_exactly(report_files: dict[str, Path]):
    # Only decoding, newline normalisation and BOM removal: the text is the report as written.
    for kind in ("gbk", "utf8", "utf8_bom", "utf16"):
        assert read_path(report_files[kind])[0].text == REPORT


def test_html_drops_clutter_and_keeps_nbsp():
    text = html_to_text(
        "<html><head><title>T</title></head><body><nav>菜单</nav>"
        "<p>第一段<br>第二行</p><p hidden>藏</p><ul><li>甲</li><li>乙</li></ul>"
        "<p>&nbsp;缩进  与   空格</p></body></html>"
    )
    assert text == "第一段\n第二行\n甲\n乙\n\xa0缩进 与 空格"


def test_html_declared_gbk_charset(tmp_path: Path):
    page = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        f"</head><body><p>{INTRO}</p></body></html>"
    )
    path = tmp_path / "gov.htm"
    path.write_bytes(page.encode("gbk"))
    assert read_path(path)[0].text == INTRO


def test_unknown_suffix_read_as_text_if_it_decodes(tmp_path: Path):
    path = tmp_path / "report.dat"
    path.write_text(REPORT, encoding="utf-8")
    assert read_path(path)[0].text == REPORT
    blob = tmp_path / "image.bin"
    blob.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError, match=r"image\.bin: unknown file type \.bin"):
        read_path(blob)


# --- errors ------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path):
    path = tmp_path / "nope.txt"
    with pytest.raises(InputError) as info:
        read_path(path)
    assert info.value.path == str(path)
    assert "no such file" in str(info.value)


def test_directory(tmp_path: Path):
    with pytest.raises(InputError, match="is a directory"):
        read_path(tmp_path)


@pytest.mark.parametrize("content", [b"", b"  \r\n\t\n", "\u3000\n".encode()])
@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl"])
def test_empty_file(tmp_path: Path, content: bytes, suffix: str):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(content)
    with pytest.raises(InputError, match="empty") as info:
        read_path(path)
    assert info.value.path == str(path)


def test_html_without_visible_text(tmp_path: Path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>x</title><script>1</script></head><body></body></html>")
    with pytest.raises(InputError, match="no visible text"):
        read_path(path)


def test_binary_file(tmp_path: Path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match=r"bad\.txt: looks binary"):
        read_path(path)


def test_oversized_file(tmp_path: Path, report_files: dict[str, Path]):
    with pytest.raises(
        InputError, match="over the 100 B limit; split it or pass a larger max_bytes"
    ):
        read_path(report_files["utf8"], max_bytes=100)
    for kind in ("docx", "pdf", "html"):
        with pytest.raises(InputError, match="over the"):
            read_path(report_files[kind], max_bytes=100)
    # The size is checked before reading: a sparse 80 MB file costs nothing.
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(80_000_000)
    with pytest.raises(InputError) as info:
        read_path(big)
    assert info.value.message == (
        "file is 80 MB, over the 50 MB limit; split it or pass a larger max_bytes"
    )
    assert human_size(1_500_000) == "1.5 MB"


@pytest.mark.parametrize(
    ("name", "data"),
    [("c1.docx", b"PK\x03\x04 not really a zip"), ("c2.docx", "文字".encode())],
)
def test_corrupt_docx(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"cannot open as \.docx") as info:
        read_path(path)
    assert info.value.path == str(path)


@pytest.mark.parametrize(("name", "data"), [("c1.pdf", b"%PDF-1.4\n1 0 obj\n"), ("c2.pdf", b"hi")])
def test_corrupt_pdf(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match="cannot open as PDF") as info:
        read_path(path)
    assert info.value.path == str(path)


def test_pdf_without_text_layer(tmp_path: Path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(50, 50, 300, 400, fill=1)  # a page that is only a picture, as a scan is
    pdf.save()
    with pytest.raises(InputError) as info:
        read_path(path)
    assert info.value.message == NO_TEXT_LAYER


# --- JSONL -------------------------------------------------------------------------------


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_records(tmp_path: Path):
    path = write_jsonl(
        tmp_path / "batch.jsonl",
        [
            json.dumps({"id": "a", "text": INTRO, "meta": {"year": 2023}}, ensure_ascii=False),
            "",  # blank lines are skipped
            json.dumps({"id": 7, "text": "第一行\r\n第二行"}, ensure_ascii=False),
        ],
    )
    docs = read_path(path)
    assert [d.id for d in docs] == ["a", "7"]
    assert docs[0].text == INTRO
    assert docs[0].meta == {"source": str(path), "year": 2023}
    assert docs[1].meta == {"source": str(path)}
    # Record text is used as stored: its offsets may already be annotated.
    assert docs[1].text == "第一行\r\n第二行"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ('{"id": "x", "text": "好"', "invalid JSON"),
        ('{"text": "没有编号"}', 'no "id"'),
        ('{"id": "a", "text": "重复"}', "duplicate id 'a'"),
        ('{"id": "z", "text": 12}', '"text" must be a string'),
        ('{"id": "z", "text": "  "}', "is empty"),
        ('{"id": "z", "text": "好", "meta": [1]}', '"meta" must be an object'),
        ('["id", "text"]', "expected a JSON object"),
        ('{"id": true, "text": "好"}', '"id" must be a string or integer'),
    ],
)
def test_jsonl_bad_line_names_file_and_line(tmp_path: Path, bad: str, message: str):
    path = write_jsonl(
        tmp_path / "bad.jsonl",
        ['{"id": "a", "text": "第一条"}', '{"id": "b", "text": "第二条"}', bad],
    )
    with pytest.raises(InputError, match=message) as info:
        read_path(path)
    assert info.value.path == str(path)
    assert info.value.line == 3
    assert str(info.value).startswith(f"{path}:3: ")


def test_jsonl_streams_before_the_bad_line(tmp_path: Path):
    path = write_jsonl(tmp_path / "s.jsonl", ['{"id": "a", "text": "甲"}', "{oops"])
    docs = iter_jsonl_documents(path)
    assert next(docs).id == "a"  # yielded before line 2 is even parsed
    with pytest.raises(InputError) as info:
        next(docs)
    assert info.value.line == 2


def test_jsonl_not_utf8(tmp_path: Path):
    path = tmp_path / "gbk.jsonl"
    path.write_bytes('{"id": "a", "text": "中文"}\n'.encode("gbk"))
    with pytest.raises(InputError, match="not UTF-8") as info:
        read_path(path)
    assert info.value.line == 1


# --- sources -----------------------------------------------------------------------------


def test_expand_inputs(tmp_path: Path):
    root = tmp_path / "reports"
    for rel in [
        "b.txt",
        "a.pdf",
        "sub/c.html",
        "sub/z.docx",
        "notes.xlsx",
        ".hidden/d.txt",
        "sub/.swp.txt",
        "x.jsonl",
    ]:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("内容")
    extra = tmp_path / "extra.dat"
    extra.write_text("内容")

    got = expand_inputs([str(root)])
    assert [p.relative_to(root).as_posix() for p in got] == [
        "a.pdf",
        "b.txt",
        "sub/c.html",
        "sub/z.docx",
        "x.jsonl",
    ]
    # Files are taken whatever their suffix; duplicates keep their first place; order of inputs.
    got = expand_inputs([str(extra), str(root / "sub"), str(root / "sub" / "c.html")])
    assert got == [extra, root / "sub" / "c.html", root / "sub" / "z.docx"]
    got = expand_inputs([str(root / "**" / "*.txt")])
    assert got == [root / "b.txt"]  # glob skips dot-files, as folders do
    assert expand_inputs([str(root / "*.pdf")]) == [root / "a.pdf"]


@pytest.mark.parametrize("pattern", ["missing.txt", "*.nothing", "emptydir"])
def test_expand_inputs_matching_nothing(tmp_path: Path, pattern: str):
    (tmp_path / "emptydir").mkdir()
    (tmp_path / "emptydir" / "only.xlsx").write_text("x")
    with pytest.raises(InputError) as info:
        expand_inputs([str(tmp_path / pattern)])
    assert info.value.path == str(tmp_path / pattern)
