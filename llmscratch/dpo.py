"""Chapter 7 bonus: preference tuning with direct preference optimization (DPO).

Book: the chapter-7 bonus material on DPO (Rafailov et al., 2023); notebook:
``ch07_instruction/dpo.ipynb``. Inside, in the order they are used:

- ``PreferenceDataset``, ``dpo_collate_fn``: prompt + chosen and prompt + rejected answers,
  padded, with masks that select the answer tokens only
- ``compute_logprobs``: the mean log-probability a model gives to the selected tokens
- ``compute_dpo_loss``: the DPO loss and the implicit rewards of the chosen/rejected answers
- ``compute_dpo_loss_batch``, ``compute_dpo_loss_loader``, ``evaluate_dpo_loss_loader``,
  ``train_model_dpo_simple``: training a policy against a frozen reference model

DPO in one line: with ``r = log pi(y|x) - log pi_ref(y|x)`` the reward of an answer, the loss
is ``-log sigmoid(beta * (r_chosen - r_rejected))``. It is ``ln 2 = 0.693`` while the policy
equals the reference and falls as the policy prefers the chosen answers more than the reference
does. Differences from the book's code: the collate function is named ``dpo_collate_fn`` (the
book reuses ``custom_collate_fn``), and its mask hides exactly the prompt and the
``"\\n\\n### Response:\\n"`` header (the book hides the prompt plus two tokens).

Run the tests with ``python -m pytest tests/ch07/test_dpo.py -q``.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch.utils.data import Dataset

from llmscratch.instruction import PROMPT_STYLES, format_input


class PreferenceDataset(Dataset):
    """Tokenize each record into prompt, prompt + chosen and prompt + rejected token ids.

    Items are dicts ``{"prompt", "chosen", "rejected", "response_start"}``: three lists of ids
    and the index where the answer begins (after the ``### Response:`` header) in both full
    sequences. Records need ``instruction``, ``input``, ``chosen`` and ``rejected`` fields.

    Book: chapter 7 bonus (DPO), section 2; notebook: ch07_instruction/dpo.ipynb
    """

    def __init__(self, data, tokenizer):
        response_prefix = PROMPT_STYLES["alpaca"][1]
        self.data = data
        self.encoded_texts = []
        for entry in data:
            prompt = format_input(entry)
            self.encoded_texts.append({
                "prompt": tokenizer.encode(prompt),
                "chosen": tokenizer.encode(prompt + response_prefix + entry["chosen"]),
                "rejected": tokenizer.encode(prompt + response_prefix + entry["rejected"]),
                "response_start": len(tokenizer.encode(prompt + response_prefix)),
            })

    def __getitem__(self, index):
        return self.encoded_texts[index]

    def __len__(self):
        return len(self.data)


def dpo_collate_fn(batch, pad_token_id=50256, allowed_max_length=None, mask_prompt_tokens=True,
                   device="cpu"):
    """Pad chosen and rejected sequences to one common length and build their masks.

    Returns a dict: ``"chosen"``, ``"rejected"`` (``(batch, max_len)`` token ids, padded with
    ``pad_token_id`` to the longest of either plus one), ``"chosen_mask"``, ``"rejected_mask"``
    (``(batch, max_len)`` bool, True on the tokens whose log-probabilities count: the answer,
    or prompt + answer with ``mask_prompt_tokens=False``; never padding) and ``"prompt"`` (a list
    of 1-D tensors). Everything is cut to ``allowed_max_length``. Items without a
    ``"response_start"`` use the prompt length.

    Book: chapter 7 bonus (DPO), section 2; notebook: ch07_instruction/dpo.ipynb
    """
    if len(batch) == 0:
        raise ValueError("dpo_collate_fn got an empty batch")
    max_length_common = max(len(item[key]) + 1 for item in batch for key in ("chosen", "rejected"))
    batch_data = {"prompt": [], "chosen": [], "rejected": [], "chosen_mask": [],
                  "rejected_mask": []}
    for item in batch:
        prompt = torch.tensor(item["prompt"])
        batch_data["prompt"].append(prompt.to(device))
        start = item.get("response_start", len(item["prompt"]))
        for key in ("chosen", "rejected"):
            sequence = item[key]
            padded = sequence + [pad_token_id] * (max_length_common - len(sequence))
            mask = torch.zeros(max_length_common, dtype=torch.bool)
            mask[: len(sequence)] = True  # real tokens; padding stays False
            if mask_prompt_tokens:
                mask[:start] = False  # prompt and response header do not count
            batch_data[key].append(torch.tensor(padded))
            batch_data[f"{key}_mask"].append(mask)
    for key in ("chosen", "rejected", "chosen_mask", "rejected_mask"):
        stacked = torch.stack(batch_data[key])  # (batch, max_length_common)
        if allowed_max_length is not None:
            stacked = stacked[:, :allowed_max_length]
        batch_data[key] = stacked.to(device)
    return batch_data


def compute_logprobs(logits, labels, selection_mask=None):
    """Mean log-probability of each sequence's next tokens: ``(b, n, vocab), (b, n) -> (b,)``.

    Position ``t`` of ``logits`` predicts ``labels[:, t + 1]``, so logits drop their last
    position and labels their first. With ``selection_mask`` ``(b, n)`` only the positions where
    it is True count (the mean is over those). Example: two tokens with probabilities 0.5 and
    0.25 give ``(ln 0.5 + ln 0.25) / 2 = -1.040``.

    Book: chapter 7 bonus (DPO), section 4; notebook: ch07_instruction/dpo.ipynb
    """
    labels = labels[:, 1:].clone()  # (b, n - 1): the tokens to be predicted
    logits = logits[:, :-1, :]  # (b, n - 1, vocab): the predictions for them
    log_probs = F.log_softmax(logits, dim=-1)
    # pick each label's log-probability: (b, n - 1, 1) -> (b, n - 1)
    selected_log_probs = torch.gather(log_probs, dim=-1, index=labels.unsqueeze(-1)).squeeze(-1)
    if selection_mask is None:
        return selected_log_probs.mean(-1)
    mask = selection_mask[:, 1:].to(selected_log_probs.dtype)
    return (selected_log_probs * mask).sum(-1) / mask.sum(-1)


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    """The DPO loss over a batch, and the mean rewards of the chosen and rejected answers.

    All four inputs are ``(batch,)`` log-probabilities (from ``compute_logprobs``). Returns
    ``(loss, chosen_rewards, rejected_rewards)``, three scalars:
    ``loss = mean(-log sigmoid(beta * ((pc - pr) - (rc - rr))))``, rewards ``mean(pc - rc)`` and
    ``mean(pr - rr)`` (detached, for monitoring). Worked example with ``beta=0.1``: policy
    ``(-1, -3)``, reference ``(-2, -2)`` give logits ``(-1 + 3) - 0 = 2``, loss
    ``-log sigmoid(0.2) = 0.598``, rewards ``1`` and ``-1``.

    Book: chapter 7 bonus (DPO), section 4; notebook: ch07_instruction/dpo.ipynb
    """
    model_logratios = model_chosen_logprobs - model_rejected_logprobs
    reference_logratios = reference_chosen_logprobs - reference_rejected_logprobs
    logits = model_logratios - reference_logratios
    losses = -F.logsigmoid(beta * logits)
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).detach()
    rejected_rewards = (model_rejected_logprobs - reference_rejected_logprobs).detach()
    return losses.mean(), chosen_rewards.mean(), rejected_rewards.mean()


def compute_dpo_loss_batch(batch, policy_model, reference_model, beta):
    """``compute_dpo_loss`` on one ``dpo_collate_fn`` batch; the reference runs without grad.

    Book: chapter 7 bonus (DPO), section 4; notebook: ch07_instruction/dpo.ipynb
    """
    def logprobs(model, key):
        return compute_logprobs(model(batch[key]), batch[key], batch[f"{key}_mask"])

    policy_chosen = logprobs(policy_model, "chosen")
    policy_rejected = logprobs(policy_model, "rejected")
    with torch.no_grad():
        ref_chosen = logprobs(reference_model, "chosen")
        ref_rejected = logprobs(reference_model, "rejected")
    return compute_dpo_loss(policy_chosen, policy_rejected, ref_chosen, ref_rejected, beta)


def compute_dpo_loss_loader(data_loader, policy_model, reference_model, beta, num_batches=None):
    """Average loss, chosen and rejected rewards over the first ``num_batches`` batches.

    Returns ``(loss, chosen_rewards, rejected_rewards)`` as floats (NaN for an empty loader).

    Book: chapter 7 bonus (DPO), section 4; notebook: ch07_instruction/dpo.ipynb
    """
    totals, count = [0.0, 0.0, 0.0], 0
    n = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    for i, batch in enumerate(data_loader):
        if i >= n:
            break
        values = compute_dpo_loss_batch(batch, policy_model, reference_model, beta)
        totals = [t + v.item() for t, v in zip(totals, values)]
        count += 1
    if count == 0:
        return float("nan"), float("nan"), float("nan")
    return tuple(t / count for t in totals)


def evaluate_dpo_loss_loader(policy_model, reference_model, train_loader, val_loader, beta,
                             eval_iter):
    """Loss and rewards on ``eval_iter`` training and validation batches, in eval mode.

    Returns a dict with ``train_loss, train_chosen_reward, train_rejected_reward`` and the same
    three for ``val_``.

    Book: chapter 7 bonus (DPO), section 4; notebook: ch07_instruction/dpo.ipynb
    """
    was_training = policy_model.training
    policy_model.eval()
    res = {}
    with torch.no_grad():
        for split, loader in (("train", train_loader), ("val", val_loader)):
            loss, chosen, rejected = compute_dpo_loss_loader(
                loader, policy_model, reference_model, beta, num_batches=eval_iter
            )
            res.update({f"{split}_loss": loss, f"{split}_chosen_reward": chosen,
                        f"{split}_rejected_reward": rejected})
    policy_model.train(was_training)
    return res


def train_model_dpo_simple(policy_model, reference_model, train_loader, val_loader, optimizer,
                           num_epochs, beta, eval_freq, eval_iter, start_context=None,
                           tokenizer=None, verbose=True):
    """Train ``policy_model`` with DPO against a frozen ``reference_model``.

    Every ``eval_freq`` steps it evaluates ``eval_iter`` batches and records losses and rewards;
    the reward margin (chosen minus rejected) should grow. With ``start_context`` and
    ``tokenizer`` it prints a short greedy continuation after each epoch. Returns a dict of lists:
    ``train_losses, train_chosen_rewards, train_rejected_rewards``, the same for ``val_``, and
    ``tokens_seen``.

    Book: chapter 7 bonus (DPO), section 5; notebook: ch07_instruction/dpo.ipynb
    """
    keys = ("losses", "chosen_rewards", "rejected_rewards")
    tracking = {f"{s}_{k}": [] for s in ("train", "val") for k in keys}
    tracking["tokens_seen"] = []
    tokens_seen, global_step = 0, -1
    reference_model.eval()
    for param in reference_model.parameters():
        param.requires_grad_(False)
    for epoch in range(num_epochs):
        policy_model.train()
        for batch in train_loader:
            optimizer.zero_grad()
            loss, _, _ = compute_dpo_loss_batch(batch, policy_model, reference_model, beta)
            loss.backward()
            optimizer.step()
            tokens_seen += batch["chosen"].numel()
            global_step += 1
            if global_step % eval_freq == 0:
                res = evaluate_dpo_loss_loader(policy_model, reference_model, train_loader,
                                               val_loader, beta, eval_iter)
                for s in ("train", "val"):
                    tracking[f"{s}_losses"].append(res[f"{s}_loss"])
                    tracking[f"{s}_chosen_rewards"].append(res[f"{s}_chosen_reward"])
                    tracking[f"{s}_rejected_rewards"].append(res[f"{s}_rejected_reward"])
                tracking["tokens_seen"].append(tokens_seen)
                if verbose:
                    train_margin = res["train_chosen_reward"] - res["train_rejected_reward"]
                    val_margin = res["val_chosen_reward"] - res["val_rejected_reward"]
                    print(f"Ep {epoch + 1} (Step {global_step:06d}): "
                          f"Train loss {res['train_loss']:.3f}, Val loss {res['val_loss']:.3f}, "
                          f"Train reward margin {train_margin:.3f}, "
                          f"Val reward margin {val_margin:.3f}")
        if verbose and start_context is not None and tokenizer is not None:
            _print_sample(policy_model, tokenizer, start_context)
    return tracking


def _print_sample(model, tokenizer, start_context, max_new_tokens=50):
    from llmscratch.generation import generate, text_to_token_ids, token_ids_to_text

    model.eval()
    device = next(model.parameters()).device
    with torch.no_grad():
        token_ids = generate(model, text_to_token_ids(start_context, tokenizer).to(device),
                             max_new_tokens, model.pos_emb.weight.shape[0], eos_id=50256)
    print(token_ids_to_text(token_ids, tokenizer)[len(start_context):].strip().replace("\n", " "))
    model.train()
