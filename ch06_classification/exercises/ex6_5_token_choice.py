"""Exercise 6.5: classify from the last, the first or the mean token.

Its "first" option is book exercise 6.3.

The model returns one row of class logits per input token. With causal attention, token ``t``
has only seen tokens ``0..t``: the last one has read the whole message, the first one only
itself. The book's exercise 6.3 finetunes on the first token and gets a much worse classifier;
try it with ``finetune_classifier.py --token first`` (and ``--token mean``).
Check your answer with ``python -m llmscratch check ch06 --only ex6_5``.
"""


def select_logits(logits, input_ids, token, pad_token_id=50256):
    """Reduce ``logits`` of shape ``(batch, num_tokens, num_classes)`` to ``(batch, num_classes)``.

    - "last": the last position (``[:, -1, :]``);
    - "first": the first position;
    - "mean": the average over each message's real tokens, skipping positions where
      ``input_ids`` (shape ``(batch, num_tokens)``) equals ``pad_token_id``. Example: for ids
      ``[11, 12, 50256]`` average the logits of positions 0 and 1 only. A message made only
      of padding has no real token: divide by the count clamped to at least 1, so it gives 0.

    Return a new tensor with the logits' dtype; leave ``logits`` itself unchanged.
    """
    raise NotImplementedError("ex6_5: pick or average the right positions")
