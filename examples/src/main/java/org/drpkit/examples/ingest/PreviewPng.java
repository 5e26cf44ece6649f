package org.drpkit.examples.ingest;

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
 * Encodes a {@link Preview} as an 8-bit greyscale PNG with {@code javax.imageio}, in memory, with fast (level 1)
 * compression: previews are for eyes, the archive's md5 table records whatever bytes are written.
 *
 * <pre>{@code
 * byte[] png = PreviewPng.encode(HistogramEqualizer.render(image, HistogramEqualizer.Params.DEFAULTS));
 * }</pre>
 */
public final class PreviewPng {

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
                param.setCompressionQuality(0.9f); // deflate level 1
            }
            w.write(null, new IIOImage(img, null, null), param);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }
}
