package org.drpkit.cli.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.drpkit.archive.almanac.QaTrends;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * The night QA trends as one PNG: a small panel per metric (value against night, one line per chip), two panels a
 * row.
 *
 * <pre>{@code
 * TrendFigure.write(Path.of("trends.png"), QaTrends.of("APOGEE", nights));
 * }</pre>
 */
public final class TrendFigure {

    /** Panel size, pixels. */
    static final int WIDTH = 460;
    /** Panel size, pixels. */
    static final int HEIGHT = 250;

    private TrendFigure() {
    }

    /**
     * Draws the trends (nights on x by their number when numeric, else by their order).
     *
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, QaTrends trends) throws IOException {
        Map<String, List<QaTrends.Trend>> byMetric = new LinkedHashMap<>();
        for (QaTrends.Trend t : trends.trends()) {
            byMetric.computeIfAbsent(t.metric().name(), k -> new ArrayList<>()).add(t);
        }
        double[] x = new double[trends.nights().size()];
        for (int i = 0; i < x.length; i++) {
            String n = trends.nights().get(i);
            x[i] = n.matches("\\d{1,9}") ? Integer.parseInt(n) : i;
        }
        int panels = Math.max(1, byMetric.size());
        int cols = Math.min(2, panels);
        int rows = (panels + cols - 1) / cols;
        BufferedImage out = new BufferedImage(cols * WIDTH, rows * HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        int k = 0;
        for (Map.Entry<String, List<QaTrends.Trend>> m : byMetric.entrySet()) {
            QaTrends.Trend first = m.getValue().get(0);
            String unit = first.metric().unit();
            XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(m.getKey() + ": "
                    + first.metric().description()).xAxisTitle("night").yAxisTitle(unit.isEmpty() ? "value" : unit)
                    .build();
            c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
            c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            c.getStyler().setMarkerSize(6);
            c.getStyler().setXAxisDecimalPattern("0");
            for (QaTrends.Trend t : m.getValue()) {
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                double[] v = t.values();
                for (int i = 0; i < v.length; i++) {
                    if (Double.isFinite(v[i])) {
                        xs.add(x[i]);
                        ys.add(v[i]);
                    }
                }
                if (!xs.isEmpty()) {
                    c.addSeries(t.chip().isEmpty() ? m.getKey() : "chip " + t.chip(), xs, ys);
                }
            }
            g.drawImage(BitmapEncoder.getBufferedImage(c), (k % cols) * WIDTH, (k / cols) * HEIGHT, null);
            k++;
        }
        g.dispose();
        if (!ImageIO.write(out, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }
}
