package io.shadowgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesEveryCharacterThatCanEndTextOrAnAttribute() {
        assertThat(Html.escape("& < > \" ' `")).isEqualTo("&amp; &lt; &gt; &quot; &#39; &#96;");
        assertThat(Html.escape("\"><img src=x onerror=alert(1)>"))
                .isEqualTo("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void leavesPlainTextAloneAndNullEmpty() {
        String plain = "/v1/predict?q=1 — ünïcødé ✓";
        assertThat(Html.escape(plain)).isSameAs(plain);
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.text(null).html()).isEqualTo("—");
        assertThat(Html.text("  ").html()).isEqualTo("—");
    }

    @Test
    void escapesAmpersandsOnlyOnce() {
        assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
    }

    @Test
    void tagEscapesItsTextButNotItsStructure() {
        assertThat(Html.tag("code", "x", "<b>").html()).isEqualTo("<code class=\"x\">&lt;b&gt;</code>");
        assertThat(Html.tag("li", null, "a").html()).isEqualTo("<li>a</li>");
    }

    @Test
    void tableEscapesTextCellsAndKeepsSafeCells() {
        String html = new HtmlTable("t").text("Name <1>").num("Value")
                .row("<script>", Html.raw("<b>1</b>"))
                .render().html();

        assertThat(html).contains("<th>Name &lt;1&gt;</th><th class=\"num\">Value</th>")
                .contains("<tr><td>&lt;script&gt;</td><td class=\"num\"><b>1</b></td></tr>")
                .doesNotContain("<script>");
    }

    @Test
    void tableRejectsARowOfTheWrongWidth() {
        HtmlTable table = new HtmlTable("t").text("a").text("b");

        assertThatThrownBy(() -> table.row("only one")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 cells").hasMessageContaining("2 columns");
    }
}
