/**
 * FITS-independent headers: {@link org.drpkit.core.header.Card}, the immutable ordered
 * {@link org.drpkit.core.header.Header} with typed getters and a fix log
 * ({@link org.drpkit.core.header.CardValues} holds the value coercions the getters use)
 * ({@link org.drpkit.core.header.HeaderFix}), and {@link org.drpkit.core.header.KeywordMap} from canonical names
 * to ordered header alternatives. Reading and writing FITS lives in io-fits.
 */
package org.drpkit.core.header;
