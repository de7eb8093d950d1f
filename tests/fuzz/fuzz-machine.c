/* fuzz-machine: libFuzzer harness; any sequence of events keeps the
 * orchestrator's table in known states, a terminal state is left only by
 * a new description (START, or START_AGENTS with agents), and CANCEL always
 * ends the loop. Each input byte is one
 * event. */
#include <stdint.h>
#include <stdlib.h>

#include "orch/machine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum orch_state s = ORCH_IDLE;
	for (size_t i = 0; i < size; i++) {
		enum orch_event e = (enum orch_event)(data[i] % ORCH_EVENT__COUNT);
		const struct orch_transition *t = orch_next(s, e);
		if (!t)
			continue;
		if (orch_terminal(s) && !orch_terminal(t->to) && e != EV_START &&
		    e != EV_START_AGENTS)
			abort();
		if (e == EV_CANCEL && !orch_terminal(t->to))
			abort();
		if ((unsigned)t->to >= ORCH_STATE__COUNT)
			abort();
		s = t->to;
	}
	return 0;
}
