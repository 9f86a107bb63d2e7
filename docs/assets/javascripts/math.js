// Render all math on the page with the pinned KaTeX: arithmatex output on concept pages
// (\( \) and \[ \]) and the $ / $$ of notebook markdown cells. Material's document$ fires
// on first load and after every instant-navigation page change.
document$.subscribe(() => {
  renderMathInElement(document.querySelector(".md-content") || document.body, {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "\\[", right: "\\]", display: true },
      { left: "\\(", right: "\\)", display: false },
      { left: "$", right: "$", display: false },
    ],
    ignoredClasses: ["highlight", "jp-OutputArea-output"],
    throwOnError: false,
    errorColor: "#cc0000",
  });
});
