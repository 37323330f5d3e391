package cn.canbao.browser;

import cn.canbao.IntegrationTestBase;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A browser test's application on its random port, opened in a desk's window or on a phone's screen. */
abstract class BrowserTestBase extends IntegrationTestBase {

    @LocalServerPort
    protected int port;

    /** A desktop window, 1280 × 900. */
    protected Browser desk() {
        return new Browser(port, 1280, 900);
    }

    /** A phone's screen, 390 × 844 (emulated: headless Chromium keeps windows at least 500 px wide). */
    protected Browser phone() {
        return new Browser(port, 390, 844);
    }
}
