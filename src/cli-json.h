/* cli-json: the JSON Lines event stream of `ask --json`: one object per
 * line, "event" first. Pieces: token, reasoning, notice, endpoint; the last
 * line is done, failed or cancelled with the request's figures and its
 * structured result. */
#ifndef FAOS_CLI_JSON_H
#define FAOS_CLI_JSON_H

#include "base/buf.h"
#include "base/msg.h"

/* The line for a piece message (token, reasoning, notice, route). */
void cli_json_piece(struct buf *out, const struct msg *m);
/* The final line for the terminal message end, with the usage u. */
void cli_json_final(struct buf *out, const struct msg *end, const struct msg_usage *u);

#endif
