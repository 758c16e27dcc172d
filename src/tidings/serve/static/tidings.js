// tidings serve: turn a selection in the article into character offsets for "add a missed event".
// Every piece of the rendered text is a <span data-o="OFFSET">, so an offset is that number plus
// the position inside the piece. No framework, no build step.
(function () {
  function offsetOf(node, pos) {
    var el = node.nodeType === 3 ? node.parentElement : node;
    while (el && !el.hasAttribute("data-o")) { el = el.parentElement; }
    if (!el) { return null; }
    return parseInt(el.getAttribute("data-o"), 10) + (node.nodeType === 3 ? pos : 0);
  }
  function sectionOf(node) {
    var el = node.nodeType === 3 ? node.parentElement : node;
    while (el && !el.hasAttribute("data-section")) { el = el.parentElement; }
    return el ? el.getAttribute("data-section") : null;
  }
  document.querySelectorAll("button.use").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { alert("Select some words in the article first."); return; }
      var r = sel.getRangeAt(0);
      var start = offsetOf(r.startContainer, r.startOffset), end = offsetOf(r.endContainer, r.endOffset);
      var section = sectionOf(r.startContainer);
      if (start === null || end === null || section !== sectionOf(r.endContainer)) {
        alert("Select words inside one part of the article (headline or body)."); return;
      }
      var form = btn.form, part = btn.getAttribute("data-part");
      form.elements[part + "_start"].value = start;
      form.elements[part + "_end"].value = end;
      form.elements["section"].value = section;
      document.getElementById("chosen-" + part).textContent = "“" + sel.toString() + "” [" + start + ", " + end + ")";
    });
  });
})();
