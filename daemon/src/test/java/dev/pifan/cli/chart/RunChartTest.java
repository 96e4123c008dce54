package dev.pifan.cli.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RunChartTest {

    private static int count(String svg, String text) {
        return svg.split(Pattern.quote(text), -1).length - 1;
    }

    @Test
    void spansAreShadedInBothPanelsAndTheSpeedLineShowsUnderTheDutyLine() {
        int n = 10;
        double[] t = new double[n];
        double[] die = new double[n];
        double[] duty = new double[n];
        double[] rpm = new double[n];
        boolean[] under = new boolean[n];
        boolean[] throttling = new boolean[n];
        boolean[] safety = new boolean[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
            die[i] = 60;
            duty[i] = 0.5;
            rpm[i] = 4000;
            under[i] = i >= 2 && i < 4; // one span
            safety[i] = i == 6 || i == 8; // two spans
        }
        String svg = RunChart.renderSvg("t", new RunChart.Series(t, die, duty, rpm, under, throttling, safety), 65, 8000);
        assertEquals(3, count(svg, "fill:#fff3b0"), "one under-voltage span in each of two panels, one legend box");
        assertEquals(5, count(svg, "fill:#d9d2f0"), "two safety spans in each panel, one legend box");
        assertEquals(1, count(svg, "fill:#f7c6c6"), "no throttling: its legend box only");
        int speed = svg.indexOf("stroke:#2ca02c;stroke-width:4");
        int dutyLine = svg.indexOf("stroke:#1f77b4;stroke-width:1.5");
        assertTrue(speed >= 0 && dutyLine > speed, "the wide speed line first, the duty's drawn over it");
    }
}
