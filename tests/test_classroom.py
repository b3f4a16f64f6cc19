"""The pure parts of the classroom: language tags, the clean share link, its QR code, projector fonts."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import segno

import explainer as ex
from explainer import settings, share
from explainer.figures import PROJECTOR_FONT, for_projector, grid_figure, heatmap_figure
from explainer.settings import HTML_LANG, lang_code, read_app_keys


@pytest.mark.parametrize(
    "tag",
    [
        "zh",
        "zh-CN",
        "zh_CN",
        "zh-cn",
        "zh-Hans",
        "zh-Hans-CN",
        "ZH",
        "cn",
        "CN",
        " zh ",
        "zh-TW",
        "zh-Hant",
        "zh-HK",
    ],
)
def test_every_way_of_writing_chinese_means_chinese(tag):
    assert lang_code(tag) == "zh"
    app, notes = read_app_keys({"lang": tag}, "en-US", cuda=False)
    assert app["lang"] == "zh" and notes == []


@pytest.mark.parametrize("tag", ["en", "EN", "en-GB", "en_US"])
def test_english_tags_mean_english(tag):
    app, notes = read_app_keys({"lang": tag}, "zh-CN", cuda=False)
    assert app["lang"] == "en" and notes == []


@pytest.mark.parametrize("tag", ["fr", "", "z", "<script>", "x" * 500])
def test_other_tags_fall_back_with_a_note(tag):
    app, notes = read_app_keys({"lang": tag}, "zh-TW", cuda=False)
    assert app["lang"] == "zh"  # the browser's language decides
    assert [n.error.field for n in notes] == ["lang"]


def test_the_document_language_is_simplified_chinese():
    assert HTML_LANG == {"en": "en", "zh": "zh-CN"}


def test_the_student_link_keeps_the_settings_and_drops_the_projector():
    query = settings.to_query({**settings.DEFAULTS, "mode": "GRU", "hidden_size": 7, "present": True}, "zh")
    assert query["present"] == "true"
    link = share.student_link("http://classroom.example:8501/Shapes?old=1#top", query)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path, parts.fragment) == (
        "http",
        "classroom.example:8501",
        "/Shapes",
        "",
    )
    assert parse_qs(parts.query) == {"lang": ["zh"], "mode": ["GRU"], "hidden_size": ["7"]}
    values, notes = settings.from_query({k: v[0] for k, v in parse_qs(parts.query).items()})
    assert notes == [] and values["present"] is False and values["hidden_size"] == 7


def test_text_in_a_link_is_encoded():
    query = settings.to_query({**settings.DEFAULTS, "text": "你好 & bye", "lengths": "5, 3"}, "en")
    link = share.student_link("https://x/Hidden_states", query)
    assert " " not in link and "&bye" not in link
    assert parse_qs(urlsplit(link).query)["text"] == ["你好 & bye"]


def test_the_qr_code_holds_exactly_the_link():
    link = share.student_link("http://192.168.1.20:8501/Quiz", {"lang": "zh", "quiz_seed": "7", "level": "2"})
    svg = share.qr_svg(link, 'QR "学生" <link>')
    assert svg.startswith("<svg ") and 'role="img"' in svg and "viewBox" in svg
    assert 'aria-label="QR &quot;学生&quot; &lt;link>"' in svg and "<title>" in svg
    assert not re.search(r'width="\d', svg.split(">", 1)[0])  # scales to its box
    # the drawn modules are segno's symbol for this link, at error level M
    expected = segno.make(link, error="m", micro=False)
    assert expected.error == "M" and f'viewBox="0 0 {expected.symbol_size(scale=1, border=4)[0]}' in svg


def test_projector_fonts_reach_every_label():
    cfg = ex.RNNConfig("GRU", 10, 20, 2, bidirectional=True)
    fig = for_projector(grid_figure(cfg, 5, True, "en"))
    layout = fig.layout
    assert layout.font.size == layout.legend.font.size == layout.hoverlabel.font.size == PROJECTOR_FONT
    assert layout.xaxis.tickfont.size == layout.yaxis.tickfont.size == PROJECTOR_FONT
    assert all(a.font.size == PROJECTOR_FONT for a in layout.annotations)
    assert all(tr.textfont.size == PROJECTOR_FONT for tr in fig.data if tr.mode == "markers+text")
    assert layout.height >= 680
    # the data are untouched
    original = grid_figure(cfg, 5, True, "en")
    assert [list(tr.x) for tr in fig.data] == [list(tr.x) for tr in original.data]


def test_projector_fonts_on_a_heatmap_with_its_12px_titles():
    import torch

    cfg = ex.RNNConfig("LSTM", 3, 4, 1, bidirectional=True)
    values = torch.zeros(1, 2, 5, 1, 4)
    fig = for_projector(heatmap_figure(cfg, values, 0, 0, [str(i) for i in range(5)], "h", True, "zh"))
    assert [a.font.size for a in fig.layout.annotations] == [PROJECTOR_FONT] * 2
    assert fig.layout.xaxis2.tickfont.size == PROJECTOR_FONT


def test_quiz_progress_round_trips_through_the_link():
    from explainer import progress

    scores = {(3, 2, 0): True, (3, 2, 2): False, (3, 1, 0): True, (4, 2, 1): False}
    assert progress.encode(scores, 3, 2, 10) == "r-w"
    assert progress.decode("r-w", 3, 2, 10) == {(3, 2, 0): True, (3, 2, 2): False}
    assert progress.encode({}, 3, 2, 10) == ""
    assert progress.decode("rwx?" + "r" * 50, 0, 1, 10) == {
        (0, 1, i): True for i in (0, 4, 5, 6, 7, 8, 9)
    } | {(0, 1, 1): False}
    values, notes = settings.from_query({"answered": "r-w", "quiz_seed": "3"})
    assert notes == [] and "answered" not in values  # a page key, not a setting


def test_the_qr_image_is_the_svg_with_its_alt_text():
    import base64

    link = "http://x:8501/Shapes?lang=zh"
    img = share.qr_img(link, "学生链接")
    assert img.startswith('<img class="qr" src="data:image/svg+xml;base64,') and img.endswith(
        'alt="学生链接">'
    )
    data = img.split("base64,", 1)[1].split('"', 1)[0]
    assert base64.b64decode(data).decode("utf-8") == share.qr_svg(link, "学生链接")


def test_a_figures_table_holds_the_numbers_it_draws():
    import torch

    from explainer.figures import diff_figure
    from ui.render import MAX_TABLE_CELLS, figure_rows

    per_t = torch.tensor([1e-8, 2.5e-7, 3e-9])
    rows, cut = figure_rows(diff_figure(per_t, 1e-5, "en"))
    assert not cut and [r["x"] for r in rows] == [0, 1, 2]
    assert [r["y"] for r in rows] == [float(f"{v:.6g}") for v in per_t.double().tolist()]
    cfg = ex.RNNConfig("LSTM", 3, 4, 1, bidirectional=True)
    values = torch.arange(2 * 5 * 4, dtype=torch.float32).reshape(1, 2, 5, 1, 4)
    rows, cut = figure_rows(heatmap_figure(cfg, values, 0, 0, [str(i) for i in range(5)], "h", True, "en"))
    assert not cut and len(rows) == 8  # 4 units per direction
    assert rows[0] == {"panel": 1, "row": 0, "0": 0.0, "1": 4.0, "2": 8.0, "3": 12.0, "4": 16.0}
    big = torch.zeros(1, 1, 500, 1, 64)
    rows, cut = figure_rows(
        heatmap_figure(
            ex.RNNConfig("GRU", 3, 64, 1), big, 0, 0, [str(i) for i in range(500)], "h", True, "en"
        )
    )
    assert cut and sum(len(r) - 1 for r in rows) <= MAX_TABLE_CELLS
