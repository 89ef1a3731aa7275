// Pan and zoom for the explorer's networks (svg.network, drawn on the server by api/pages.py).
// Written for claimgraph, no library: the page works without it, and with it the drawing can
// be zoomed (buttons, the wheel, + and -), moved (drag, arrow keys) and reset (button, 0).
// Keys act while focus is on a node of the network, so the page's own keys are left alone.
(function () {
  "use strict";
  var STEP = 1.25; // zoom factor of one button press, key press or wheel notch
  var NUDGE = 0.1; // share of the view an arrow key moves it
  var DRAG = 4; // pixels a pointer moves before a press is a drag, not a click

  function enhance(svg) {
    var drawn = svg.getAttribute("viewBox");
    var start = drawn.split(/\s+/).map(Number);
    var view = start.slice();
    var size = start[2];

    function show() {
      svg.setAttribute("viewBox", view.map(function (v) { return v.toFixed(1); }).join(" "));
    }
    function zoom(factor, cx, cy) {
      // Keep the point (cx, cy) of the drawing where it is; no closer than 1/8, no farther than 4x.
      var width = Math.min(Math.max(view[2] / factor, size / 8), size * 4);
      var scale = width / view[2];
      view = [cx - (cx - view[0]) * scale, cy - (cy - view[1]) * scale, width, view[3] * scale];
      show();
    }
    function centre() { return [view[0] + view[2] / 2, view[1] + view[3] / 2]; }
    function reset() { view = start.slice(); svg.setAttribute("viewBox", drawn); }
    function toDrawing(event) {
      var box = svg.getBoundingClientRect();
      return [view[0] + (event.clientX - box.left) / box.width * view[2],
              view[1] + (event.clientY - box.top) / box.height * view[3]];
    }

    var tools = document.createElement("div");
    tools.className = "network-tools";
    tools.setAttribute("role", "toolbar");
    tools.setAttribute("aria-label", "Network view");
    [["Zoom in", function () { var c = centre(); zoom(STEP, c[0], c[1]); }],
     ["Zoom out", function () { var c = centre(); zoom(1 / STEP, c[0], c[1]); }],
     ["Reset view", reset]].forEach(function (tool) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = tool[0];
      button.addEventListener("click", tool[1]);
      tools.appendChild(button);
    });
    var hint = document.createElement("span");
    hint.className = "hint";
    hint.textContent = "Drag to move; the wheel, + and \u2212 zoom; 0 resets.";
    tools.appendChild(hint);
    svg.parentNode.insertBefore(tools, svg);

    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      var at = toDrawing(event);
      zoom(event.deltaY < 0 ? STEP : 1 / STEP, at[0], at[1]);
    }, { passive: false });

    var pressed = null;
    var dragged = false;
    svg.addEventListener("pointerdown", function (event) {
      pressed = { x: event.clientX, y: event.clientY, view: view.slice() };
      dragged = false;
    });
    svg.addEventListener("pointermove", function (event) {
      if (!pressed) { return; }
      var dx = event.clientX - pressed.x;
      var dy = event.clientY - pressed.y;
      if (!dragged && Math.abs(dx) + Math.abs(dy) < DRAG) { return; }
      if (!dragged) { svg.setPointerCapture(event.pointerId); }
      dragged = true;
      var box = svg.getBoundingClientRect();
      view[0] = pressed.view[0] - dx / box.width * view[2];
      view[1] = pressed.view[1] - dy / box.height * view[3];
      show();
    });
    function release() { pressed = null; }
    svg.addEventListener("pointerup", release);
    svg.addEventListener("pointercancel", release);
    // A drag that ends on a node is not a click on it.
    svg.addEventListener("click", function (event) {
      if (dragged) { event.preventDefault(); dragged = false; }
    }, true);

    svg.addEventListener("keydown", function (event) {
      var c = centre();
      var moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
      if (event.key === "+" || event.key === "=") { zoom(STEP, c[0], c[1]); }
      else if (event.key === "-") { zoom(1 / STEP, c[0], c[1]); }
      else if (event.key === "0") { reset(); }
      else if (moves[event.key]) {
        view[0] += moves[event.key][0] * view[2] * NUDGE;
        view[1] += moves[event.key][1] * view[3] * NUDGE;
        show();
      } else { return; }
      event.preventDefault();
    });
  }

  document.querySelectorAll("svg.network").forEach(enhance);
})();
