// OpenPayPro portal and console: the one small script (issue 14). Every page works without it; it only adds a
// confirmation before forms marked data-confirm and a copy button for elements marked data-copy.
(function () {
    "use strict";
    document.addEventListener("submit", function (event) {
        var form = event.target;
        var question = form.getAttribute("data-confirm");
        if (question && !window.confirm(question)) {
            event.preventDefault();
        }
    });
    document.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-copy]");
        if (!button || !navigator.clipboard) {
            return;
        }
        var source = document.getElementById(button.getAttribute("data-copy"));
        if (source) {
            navigator.clipboard.writeText(source.textContent.trim()).then(function () {
                button.textContent = "Copied";
            }, function () {
                button.textContent = "Copy failed: select the text instead";
            });
        }
    });
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
        button.hidden = false;
    });
}());
