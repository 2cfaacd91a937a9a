"""Multi-step chat flows and their buttons."""

from __future__ import annotations

from bot.domain.errors.base import DomainError

# Multi-step chat flows (guided /unit_add, /unit_edit…). A FlowButtonRefused is explained on the
# button itself (the answer to the tap), since the message it belongs to is out of date.


class FlowButtonRefused(DomainError):
    """A tap on a button of a flow that cannot take it; nothing was changed (params: none)."""

    code = "flow_finished"


class FlowFinished(FlowButtonRefused):
    """The flow the button belongs to was completed, cancelled or replaced (params: none)."""

    code = "flow_finished"


class FlowExpired(FlowButtonRefused):
    """The flow was left unanswered past its lifetime (params: command — the one to restart)."""

    code = "flow_expired"


class NotYourFlow(FlowButtonRefused):
    """A button of someone else's flow (params: none)."""

    code = "flow_not_yours"


class FlowStepPassed(FlowButtonRefused):
    """A button of a step the flow has already moved past (double tap, old message) (params:
    none)."""

    code = "flow_step_passed"


class AnswerWithButtons(DomainError):
    """Typed text at a step that is answered with the buttons under the question (params: none)."""

    code = "flow_answer_with_buttons"
