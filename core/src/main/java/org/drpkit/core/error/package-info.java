/**
 * Domain exceptions with stable codes. Bad input raises a checked {@link org.drpkit.core.error.DrpException}
 * whose message names the file, HDU and keyword; programming errors stay unchecked. Each module declares its
 * own codes in an enum implementing {@link org.drpkit.core.error.ErrorCode}.
 */
package org.drpkit.core.error;
