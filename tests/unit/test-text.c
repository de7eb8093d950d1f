/* test-text: unit tests of the terminal sanitiser and "did you mean"
 * lookup (src/base/text.c). */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "check.h"

/* Sanitise len bytes in one piece; caller frees. */
static char *san_n(const char *in, size_t len)
{
	struct text_sanitizer s = { 0 };
	struct buf out = BUF_INIT;

	text_sanitize(&s, in, len, &out);
	text_sanitize_end(&s, &out);
	return buf_steal(&out);
}

static char *san(const char *in)
{
	return san_n(in, strlen(in));
}

/* Sanitise in two pieces split at `at`; caller frees. */
static char *san_split(const char *in, size_t len, size_t at)
{
	struct text_sanitizer s = { 0 };
	struct buf out = BUF_INIT;

	text_sanitize(&s, in, at, &out);
	text_sanitize(&s, in + at, len - at, &out);
	text_sanitize_end(&s, &out);
	return buf_steal(&out);
}

/* Sanitise one byte at a time; caller frees. */
static char *san_bytes(const char *in, size_t len)
{
	struct text_sanitizer s = { 0 };
	struct buf out = BUF_INIT;

	for (size_t i = 0; i < len; i++)
		text_sanitize(&s, in + i, 1, &out);
	text_sanitize_end(&s, &out);
	return buf_steal(&out);
}

static void expect_san(const char *in, const char *want)
{
	char *got = san(in);

	CHECK_STR(got, want);
	free(got);
}

/* No byte below 0x20 but LF and TAB, and no DEL, in s. */
static int no_controls(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			return 0;
	}
	return 1;
}

static void test_csi_clear_screen(void)
{
	expect_san("\x1b[2J", "^[[2J");
	expect_san("before\x1b[2J\x1b[Hafter", "before^[[2J^[[Hafter");
	expect_san("\x1b[31mred\x1b[0m", "^[[31mred^[[0m");
}

static void test_osc52_and_title(void)
{
	const char *osc52 = "copy\x1b]52;c;ZWNobyBwd25lZA==\x07" "done";
	char *got = san(osc52);

	CHECK_STR(got, "copy^[]52;c;ZWNobyBwd25lZA==^Gdone");
	CHECK(strchr(got, 0x1b) == NULL);
	CHECK(strchr(got, 0x07) == NULL);
	CHECK(no_controls(got));
	free(got);

	/* Title change ended by ST (ESC \). */
	expect_san("\x1b]0;pwned\x1b\\", "^[]0;pwned^[\\");
	/* Terminal query (DECRQSS / device attributes). */
	expect_san("\x1b[c\x1bP$q\"p\x1b\\", "^[[c^[P$q\"p^[\\");
}

static void test_c1_controls(void)
{
	/* U+009B (CSI as a C1 control, UTF-8 C2 9B). */
	expect_san("\xc2\x9b" "31m", "\\u009b31m");
	/* U+0080, U+009D (OSC), U+009F: the whole C1 range. */
	expect_san("\xc2\x80|\xc2\x9d|\xc2\x9f", "\\u0080|\\u009d|\\u009f");
	/* U+00A0 and U+00A9 share the C2 lead byte but are printable. */
	expect_san("\xc2\xa0\xc2\xa9 2025", "\xc2\xa0\xc2\xa9 2025");
	/* A C2 lead byte before another C2: the first is passed on, the
	 * second still starts a C1 control. */
	expect_san("\xc2\xc2\x9b", "\xc2\\u009b");
	/* A C2 lead byte at the very end is emitted by text_sanitize_end. */
	expect_san("x\xc2", "x\xc2");
}

static void test_other_controls(void)
{
	char *got = san_n("a\0b", 3);

	CHECK_STR(got, "a^@b");
	free(got);
	expect_san("\x7f", "^?");
	expect_san("bell\x07", "bell^G");
	expect_san("back\bspace", "back^Hspace");
	expect_san("\x1f\x01", "^_^A");
	expect_san("\x0b\x0c", "^K^L");
}

static void test_cr_lf(void)
{
	expect_san("one\r\ntwo\r\n", "one\ntwo\n");
	expect_san("progress 10%\rprogress 20%", "progress 10%^Mprogress 20%");
	expect_san("end\r", "end^M");
	expect_san("\r\r\n", "^M\n");
	expect_san("\r\r", "^M^M");
	expect_san("\n\r", "\n^M");
	expect_san("a\r\x1b", "a^M^[");
	expect_san("a\r\xc2\x9b", "a^M\\u009b");
}

static void test_tabs_newlines_utf8_kept(void)
{
	const char *plain = "col1\tcol2\n\tindented\n\ncafé 日本 🙂 naïve Ω\n";

	expect_san(plain, plain);
	expect_san("", "");
	/* Four-byte emoji with a ZWJ sequence and a flag. */
	expect_san("👩‍💻 🇫🇷", "👩‍💻 🇫🇷");
}

static void test_split_everywhere(void)
{
	static const char tricky[] =
		"a\r\nb\rc\x1b[2J\xc2\x9b" "1m\xc2\xa9é日本🙂\t\n\x07\x7f\r\r\n\xc2\xc2\x9d"
		"\x1b]52;c;eA==\x07\xc2";
	size_t len = sizeof tricky - 1;
	char *whole = san_n(tricky, len);

	CHECK_STR(whole, "a\nb^Mc^[[2J\\u009b1m\xc2\xa9é日本🙂\t\n^G^?^M\n\xc2\\u009d"
			 "^[]52;c;eA==^G\xc2");
	for (size_t at = 0; at <= len; at++) {
		char *got = san_split(tricky, len, at);
		CHECK_STR(got, whole);
		free(got);
	}
	char *bytes = san_bytes(tricky, len);
	CHECK_STR(bytes, whole);
	free(bytes);
	free(whole);
}

static void test_sanitizer_reuse_after_end(void)
{
	struct text_sanitizer s = { 0 };
	struct buf out = BUF_INIT;

	/* A held CR is flushed by end, and the state is clean afterwards:
	 * an LF in the next text is not taken as the CR's pair. */
	text_sanitize(&s, "x\r", 2, &out);
	CHECK(s.held == '\r');
	text_sanitize_end(&s, &out);
	CHECK(s.held == 0);
	text_sanitize(&s, "\ny", 2, &out);
	text_sanitize_end(&s, &out);
	CHECK_STR(out.data, "x^M\ny");
	buf_free(&out);
}

static void test_closest(void)
{
	static const char *const names[] = { "endpoint", "api",	      "model",
					     "api_key",	 "temperature", "max_tokens" };
	size_t n = sizeof names / sizeof names[0];

	CHECK_STR(text_closest("endpont", names, n), "endpoint");
	CHECK_STR(text_closest("temprature", names, n), "temperature");
	CHECK_STR(text_closest("max_token", names, n), "max_tokens");
	CHECK_STR(text_closest("modle", names, n), "model");
	CHECK_STR(text_closest("apikey", names, n), "api_key");
	CHECK_STR(text_closest("model", names, n), "model");
	CHECK(text_closest("banana_split", names, n) == NULL);
	CHECK(text_closest("zzzzzzzzzz", names, n) == NULL);
	CHECK(text_closest("endpoint", names, 0) == NULL);
	/* Longer than the distance table: never matched, never a crash. */
	CHECK(text_closest("endpointendpointendpointendpointendpointendpointendpointendpoint",
			   names, n) == NULL);
}

int main(void)
{
	RUN(test_csi_clear_screen);
	RUN(test_osc52_and_title);
	RUN(test_c1_controls);
	RUN(test_other_controls);
	RUN(test_cr_lf);
	RUN(test_tabs_newlines_utf8_kept);
	RUN(test_split_everywhere);
	RUN(test_sanitizer_reuse_after_end);
	RUN(test_closest);
	return CHECK_EXIT();
}
