package dev.pifan.telemetry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The series of a Prometheus text scrape, by their text ({@code name{label="v"}}), with values. */
record Scraped(String text, Map<String, Double> series) {

    static Scraped of(String text) {
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.valueOf(line.substring(space + 1)));
        }
        return new Scraped(text, series);
    }

    Double value(String series) {
        return this.series.get(series);
    }

    boolean has(String series) {
        return this.series.containsKey(series);
    }

    /** The series whose name (before any label) is {@code name}, in scrape order. */
    Map<String, Double> named(String name) {
        return series.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
