"""Page scans, copy text, notebook clean-up, the reference pages and incremental rebuilds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_plugins.cache import ModuleGraph
from site_plugins.copytext import PYCON_BLOCK, add_copy_text, runnable_code
from site_plugins.figures import figure_img, png_facts
from site_plugins.incremental import page_fingerprint, sections
from site_plugins.labs import mark_math, page_links
from site_plugins.nav import area_pages
from site_plugins.reference import (
    api_link_lines,
    concept_index_markdown,
    public_functions,
)
from site_plugins.scan import scan_markdown
from snippets.plotting import new_figure, png_bytes

PAGE = """---
synonyms: [thing]
---
# Title

## First `concept`

```python
## not a heading
--8<-- "snippets/linear_algebra/vectors.py:imports"
--8<-- "snippets/linear_algebra/vectors.py:angle"
```

<!-- figure: snippets.linear_algebra.vectors:plot_unit_balls -->

## Exercises

!!! question "Exercise 1"
    ```python
    --8<-- "snippets/linear_algebra/vectors.py:lp_norm"
    ```
"""


def test_scan_reads_concepts_includes_and_figures():
    scan = scan_markdown(PAGE)
    assert scan.meta == {"synonyms": ["thing"]}
    assert [s.title for s in scan.concepts] == ["First concept"]
    assert scan.concepts[0].anchor == "first-concept"
    module = "snippets.linear_algebra.vectors"
    assert [(m, n) for m, n, _ in scan.includes] == [
        (module, "imports"),
        (module, "angle"),
        (module, "lp_norm"),
    ]
    assert scan.includes[1][2] == scan.concepts[0]
    assert scan.includes[2][2] is None  # under Exercises, which is not a concept
    assert [(m, f) for m, f, _ in scan.figures] == [(module, "plot_unit_balls")]


def test_runnable_code_strips_prompts_and_drops_output():
    console = (
        ">>> import numpy as np\n>>> for i in range(2):\n...     print(i)\n0\n1\n"
        ">>> np.arange(3)\narray([0, 1, 2])\n...\n"  # an ELLIPSIS line is output
    )
    assert runnable_code(console) == (
        "import numpy as np\nfor i in range(2):\n    print(i)\nnp.arange(3)\n"
    )


def test_pycon_blocks_get_their_copy_text():
    block = (
        '<div class="language-pycon highlight"><pre><span></span><code>'
        '<span class="gp">&gt;&gt;&gt; </span>x = 1 &lt; 2\n'
        '<span class="go">True</span>\n</code></pre></div>'
    )
    assert 'data-copy="x = 1 &lt; 2\n"' in PYCON_BLOCK.sub(add_copy_text, block)


@settings(deadline=None, max_examples=20)  # each example renders a PNG
@given(
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
        min_size=1,
    )
)
def test_png_description_round_trip(text):
    fig, _ = new_figure(text if text.strip() else "x")
    assert png_facts(png_bytes(fig))[2] == (text if text.strip() else "x")


@pytest.mark.parametrize(
    ("page_url", "prefix"), [("", ""), ("a/b/", "../../"), ("404.html", "")]
)
def test_figures_are_files_referenced_from_the_page(page_url, prefix):
    fig, ax = new_figure("A line")
    ax.plot([0, 1], [0, 1])
    png = png_bytes(fig)
    name, tag = figure_img(png, 'A "line"', page_url)
    width, height, _ = png_facts(png)
    assert f'src="{prefix}assets/figures/{name}"' in tag
    assert (
        f'width="{width}" height="{height}"' in tag
        and 'alt="A &quot;line&quot;"' in tag
    )


def test_notebook_math_and_links(tmp_path: Path):
    cell = '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown">$a$ and $$b$$</div>'
    import re

    from site_plugins.labs import MARKDOWN_CELL

    marked = MARKDOWN_CELL.sub(mark_math, cell)
    assert r'<span class="arithmatex">\(a\)</span>' in marked
    assert r'<span class="arithmatex">\[b\]</span>' in marked
    (tmp_path / "area").mkdir()
    (tmp_path / "area" / "svd-pca.md").write_text("# x")
    html = page_links('<a href="svd-pca.md#pca">', "area/lab_x.py", tmp_path)
    assert html == '<a href="../svd-pca/#pca">'
    with pytest.raises(Exception, match="missing page"):
        page_links('<a href="nope.md">', "area/lab_x.py", tmp_path)
    assert re  # the module is used above


def test_area_pages_need_a_list(tmp_path: Path):
    index = tmp_path / "index.md"
    index.write_text("# Area\n")
    with pytest.raises(Exception, match="pages"):
        area_pages(index)
    index.write_text("---\npages:\n  - a.md\n  - lab_x.py\n---\n# Area\n")
    assert area_pages(index) == ["a.md", "lab_x.py"]


def test_concept_index_is_sorted_and_lettered():
    text = concept_index_markdown(
        [
            ("beta", "B", "b.md", "beta"),
            ("Alpha", "A", "a.md", "alpha"),
            ("ℓ1", "X", "x.md", "l1"),
        ]
    )
    assert text.index("[Alpha]") < text.index("[beta]")
    assert "## A" in text and "## B" in text and "All 3 concepts" in text


def test_api_links_under_code_blocks():
    md = '```python\n--8<-- "snippets/linear_algebra/vectors.py:imports"\n--8<-- "snippets/linear_algebra/vectors.py:angle"\n```\n'
    out = api_link_lines(md, "linear-algebra")
    assert (
        "[`angle`](../api/linear-algebra/vectors.md#snippets.linear_algebra.vectors.angle)"
        in out
    )
    assert "`imports`" not in out.split("API reference:")[1]


def test_public_functions_in_source_order():
    assert public_functions(
        "def b(): pass\ndef _h(): pass\nclass A: pass\nx = 1\n"
    ) == ["b", "A"]


def test_fingerprint_follows_the_shown_section_only(tmp_path: Path):
    package = tmp_path / "snippets"
    package.mkdir()
    module = package / "m.py"
    source = (
        "# --8<-- [start:shown]\ndef shown(): return 1\n# --8<-- [end:shown]\n"
        "# --8<-- [start:other]\ndef other(): return 2\n# --8<-- [end:other]\n"
    )
    module.write_text(source)
    assert set(sections(source)) == {"shown", "other"}
    scan = scan_markdown('```python\n--8<-- "snippets/m.py:shown"\n```\n')
    graph = ModuleGraph(tmp_path)
    before = page_fingerprint(graph, scan)
    module.write_text(source.replace("return 2", "return 3"))
    assert page_fingerprint(graph, scan) == before
    module.write_text(source.replace("return 1", "return 4") + "\n")
    assert page_fingerprint(graph, scan) != before
