"""The site's MkDocs plugins: one concern a module, registered in pyproject.toml.

- ``site-cache`` (:mod:`.cache`, :mod:`.pool`): the content-addressed build cache and the
  warm worker pool that draws figures and executes labs; the other plugins use both.
- ``site-nav`` (:mod:`.nav`): areas and navigation from the area folders, the home
  page's list of areas, the versions in the footer.
- ``site-figures`` (:mod:`.figures`): figures drawn from the package, served as files.
- ``site-labs`` (:mod:`.labs`): labs executed in the pool, rendered by mkdocs-jupyter,
  then made light (no inlined CSS or scripts, site code blocks, figure alt text).
- ``site-reference`` (:mod:`.reference`): the concept index and the API pages.
- ``site-math`` (:mod:`.katex`): math typeset at build time by the pinned KaTeX, fonts
  subset to the glyphs the pages draw.
- ``site-copy`` (:mod:`.copytext`): the copy text of ``pycon`` blocks.
- ``site-search`` (:mod:`.search`): concept names and synonyms as search tags.
- ``site-incremental`` (:mod:`.incremental`): which pages a dirty rebuild must redo.
"""
