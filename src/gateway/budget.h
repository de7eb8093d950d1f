/* budget: keeping a request inside the model's context.
 *
 * Tokens are estimated, never counted: the server's tokenizer is not at
 * hand. The estimate leans high on purpose, since sending too much fails
 * the request while sending a little less only costs a little context:
 *   - ASCII other than digits: one token per 3 bytes, rounded up. Local
 *     models' tokenizers (Llama, Qwen, Mistral) average 3.5 to 4.5 bytes a
 *     token on English and code, so 3 leaves room for dense punctuation
 *     and odd identifiers.
 *   - each digit: one token. Llama 2 and Mistral split numbers into single
 *     digits; tokenizers that group up to 3 digits are over-counted.
 *   - each non-ASCII character (UTF-8 sequence, or stray byte): one token.
 *     Accented letters and common CJK are one token or less in most
 *     vocabularies; rare characters that fall back to bytes can cost 2 to 4
 *     and are under-counted, which the answer's reserve must absorb.
 *   - each message: BUDGET_MESSAGE_TOKENS for the chat template's markers
 *     (ChatML's "<|im_start|>user\n" ... "<|im_end|>\n" is about 5), and
 *     BUDGET_REPLY_TOKENS once for the start of the reply. */
#ifndef FAOS_BUDGET_H
#define FAOS_BUDGET_H

#include <stddef.h>

#include "gateway/prompt.h"

#define BUDGET_MESSAGE_TOKENS 5
#define BUDGET_REPLY_TOKENS 3

/* Estimated tokens of len bytes of text. */
long budget_estimate(const char *text, size_t len);
/* Estimated tokens of the whole prompt, markers included. */
long budget_prompt_tokens(const struct gw_prompt *p);

/* Makes p fit a context of `context` tokens with `reserve` of them kept for
 * the answer (max_tokens, or the caller's share of the context when that is
 * 0). context <= 0 means unknown: nothing is done.
 *
 * When p is too big, the oldest material goes first: whole messages
 * between the system messages and the last message, oldest first; then the
 * beginning of the last message, cut at a line boundary (at a character
 * only when its last line alone is too big), behind a line saying how much
 * was cut. System messages are never touched.
 *
 * Returns 0 when p fits as it is; 1 when it was trimmed, with *note set to
 * one line for the user saying what was dropped; -1 when it cannot fit
 * (the system messages alone are too big), with *note saying why and p
 * unchanged. *note is allocated, NULL when 0 is returned. */
int budget_fit(struct gw_prompt *p, long context, long reserve, char **note);

#endif
