package org.drpkit.archive;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.drpkit.algorithms.qa.Preview;

/**
 * Encodes a {@link Preview} as an 8-bit greyscale PNG with {@code javax.imageio}, in memory, without compression: a
 * histogram-equalised frame is noise-like and deflates only to about half its size, at three times the cost of the
 * rest of the encoding (a 512 x 512 preview: 262 kB stored, 129 kB at deflate level 1).
 *
 * <pre>{@code
 * byte[] png = PreviewPng.encode(HistogramEqualizer.render(image, HistogramEqualizer.Params.DEFAULTS));
 * }</pre>
 */
final class PreviewPng {

    private PreviewPng() {
    }

    /**
     * @return the PNG bytes
     * @throws IOException when no PNG writer is available or encoding fails
     */
    public static byte[] encode(Preview p) throws IOException {
        BufferedImage img = new BufferedImage(p.width(), p.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(p.gray(), 0, pixels, 0, pixels.length);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        ImageWriter w = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(p.gray().length / 2 + 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            w.setOutput(out);
            ImageWriteParam param = w.getDefaultWriteParam();
            if (param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(1.0f); // stored (deflate level 0)
            }
            w.write(null, new IIOImage(img, null, null), param);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }
}
