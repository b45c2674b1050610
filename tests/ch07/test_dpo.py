"""Tests for llmscratch.dpo: preference data, masks, log-probabilities, the DPO loss, training."""

from __future__ import annotations

import copy
import json
import math
import zlib

import pytest
import torch
from torch.utils.data import DataLoader

from llmscratch import GPTModel
from llmscratch.dpo import (
    PreferenceDataset,
    compute_dpo_loss,
    compute_logprobs,
    dpo_collate_fn,
    train_model_dpo_simple,
)
from llmscratch.instruction import format_input


@pytest.fixture(scope="module")
def tokenizer():
    import tiktoken

    return tiktoken.get_encoding("gpt2")


@pytest.fixture(scope="module")
def pref_data(data_dir):
    path = data_dir / "instruction-data" / "instruction-data-with-preference.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _neg_log_sigmoid(x):
    return math.log1p(math.exp(-x))


# --- the loss -----------------------------------------------------------------------------------


def test_dpo_loss_is_ln2_when_policy_equals_reference(seed):
    chosen, rejected = torch.randn(7), torch.randn(7)
    loss, chosen_rewards, rejected_rewards = compute_dpo_loss(chosen, rejected, chosen, rejected)
    # Invariant: no preference learned yet: -log sigmoid(0) = ln 2, both rewards zero.
    assert loss.item() == pytest.approx(math.log(2))
    assert chosen_rewards.item() == 0 and rejected_rewards.item() == 0


def test_dpo_loss_hand_computed():
    policy_chosen = torch.tensor([-1.0, -2.0])
    policy_rejected = torch.tensor([-3.0, -1.0])
    ref_chosen = torch.tensor([-2.0, -2.0])
    ref_rejected = torch.tensor([-2.0, -2.5])
    loss, chosen_r, rejected_r = compute_dpo_loss(policy_chosen, policy_rejected, ref_chosen,
                                                  ref_rejected, beta=0.1)
    # By hand: logits = (pc - pr) - (rc - rr) = [2 - 0, -1 - 0.5] = [2, -1.5];
    # losses = -log sigmoid(0.1 * logits) = [log(1 + e^-0.2), log(1 + e^0.15)].
    expected = (_neg_log_sigmoid(0.2) + _neg_log_sigmoid(-0.15)) / 2
    # Invariant: the loss and the rewards match the hand computation.
    assert loss.item() == pytest.approx(expected, abs=1e-6)
    assert expected == pytest.approx((0.59814 + 0.77095) / 2, abs=1e-4)  # 0.68455
    assert chosen_r.item() == pytest.approx((1.0 + 0.0) / 2)  # mean(pc - rc)
    assert rejected_r.item() == pytest.approx((-1.0 + 1.5) / 2)  # mean(pr - rr)
    # Invariant: beta scales the logits: beta = 1 gives log(1 + e^-2), log(1 + e^1.5).
    loss1, _, _ = compute_dpo_loss(policy_chosen, policy_rejected, ref_chosen, ref_rejected, 1.0)
    assert loss1.item() == pytest.approx((_neg_log_sigmoid(2) + _neg_log_sigmoid(-1.5)) / 2)


def test_dpo_loss_gradient_favours_the_chosen_answer():
    policy_chosen = torch.tensor([-2.0], requires_grad=True)
    policy_rejected = torch.tensor([-2.0], requires_grad=True)
    loss, chosen_r, rejected_r = compute_dpo_loss(policy_chosen, policy_rejected,
                                                  torch.tensor([-2.0]), torch.tensor([-2.0]))
    loss.backward()
    # Invariant: lowering the loss means raising the chosen log-probability and lowering the
    # rejected one (a sign-flipped loss would do the opposite).
    assert policy_chosen.grad.item() < 0 < policy_rejected.grad.item()
    # Invariant: the rewards are for monitoring only: detached from the graph.
    assert not chosen_r.requires_grad and not rejected_r.requires_grad


# --- log-probabilities --------------------------------------------------------------------------


def test_compute_logprobs_hand_computed():
    # vocabulary of 2; logits chosen so that p(label) is 0.5 at step 0 and 0.25 (via 1:3 odds)
    logits = torch.tensor([[[0.0, 0.0], [math.log(3.0), 0.0], [5.0, 5.0]]])
    labels = torch.tensor([[0, 1, 1]])  # the first label is never predicted
    expected = (math.log(0.5) + math.log(0.25)) / 2
    # Invariant: position t predicts label t + 1; the mean over the predicted labels.
    assert compute_logprobs(logits, labels).item() == pytest.approx(expected)
    # Invariant: the mask selects positions of labels (mask[:, 1:] lines up with labels[:, 1:]).
    mask = torch.tensor([[False, False, True]])
    assert compute_logprobs(logits, labels, mask).item() == pytest.approx(math.log(0.25))


def test_compute_logprobs_matches_a_loop(seed):
    logits, labels = torch.randn(3, 6, 10), torch.randint(0, 10, (3, 6))
    mask = torch.rand(3, 6) > 0.3
    mask[:, 1] = True  # at least one selected position per row
    got = compute_logprobs(logits, labels, mask)
    for b in range(3):
        values = [torch.log_softmax(logits[b, t], -1)[labels[b, t + 1]] for t in range(5)
                  if mask[b, t + 1]]
        # Invariant: the masked mean equals an explicit loop over the selected positions.
        assert got[b].item() == pytest.approx(torch.stack(values).mean().item(), abs=1e-6)


# --- data ---------------------------------------------------------------------------------------


def test_preference_dataset_and_collate_masks(pref_data, tokenizer):
    data = pref_data[:6]
    dataset = PreferenceDataset(data, tokenizer)
    batch = dpo_collate_fn([dataset[i] for i in range(6)])
    width = max(len(dataset[i][k]) for i in range(6) for k in ("chosen", "rejected")) + 1
    # Invariant: chosen and rejected share one padded width (longest of either, plus one).
    assert batch["chosen"].shape == batch["rejected"].shape == (6, width)
    for i, entry in enumerate(data):
        item = dataset[i]
        # Invariant: both sequences start with the prompt's tokens.
        assert item["prompt"] == tokenizer.encode(format_input(entry))
        for key in ("chosen", "rejected"):
            ids, mask = batch[key][i], batch[f"{key}_mask"][i]
            # Invariant: the mask selects exactly the answer tokens: no prompt, no header,
            # no padding.
            selected = ids[mask].tolist()
            assert tokenizer.decode(selected) == entry[key]
            assert mask.sum().item() == len(item[key]) - item["response_start"]
            assert (ids[len(item[key]):] == 50256).all()
    unmasked = dpo_collate_fn([dataset[0]], mask_prompt_tokens=False)
    # Invariant: without prompt masking every real token counts, padding still does not.
    assert unmasked["chosen_mask"].sum().item() == len(dataset[0]["chosen"])
    cut = dpo_collate_fn([dataset[0], dataset[1]], allowed_max_length=10)
    assert cut["chosen"].shape == cut["rejected_mask"].shape == (2, 10)


class WordTokenizer:
    """One token per whitespace-separated word, hashed into ids 1-255 (0 is padding): short
    sequences and a 256-token vocabulary keep a few DPO steps well under a second."""

    def encode(self, text):
        return [zlib.crc32(word.encode()) % 255 + 1 for word in text.split()]


def test_dpo_training_grows_the_reward_margin(pref_data, tiny_cfg):
    torch.manual_seed(123)
    cfg = {**tiny_cfg, "vocab_size": 256, "context_length": 128}
    policy = GPTModel(cfg)
    reference = copy.deepcopy(policy)
    ref_state = copy.deepcopy(reference.state_dict())
    data = pref_data[:8]
    dataset = PreferenceDataset(data, WordTokenizer())
    loader = DataLoader(dataset, batch_size=4, shuffle=False, collate_fn=lambda b: dpo_collate_fn(
        b, pad_token_id=0, allowed_max_length=cfg["context_length"]))
    optimizer = torch.optim.AdamW(policy.parameters(), lr=5e-3, weight_decay=0.01)
    tracking = train_model_dpo_simple(policy, reference, loader, loader, optimizer, num_epochs=4,
                                      beta=0.1, eval_freq=2, eval_iter=2, verbose=False)
    margins = [c - r for c, r in zip(tracking["train_chosen_rewards"],
                                     tracking["train_rejected_rewards"])]
    # Invariant: four evaluations (8 steps, every 2nd) with every tracked list filled.
    assert len(tracking["train_losses"]) == len(tracking["tokens_seen"]) == 4
    assert len(tracking["val_chosen_rewards"]) == 4
    # Invariant: the policy learns to prefer the chosen answers: loss below ln 2, margin up.
    assert tracking["train_losses"][-1] < math.log(2) - 0.05
    assert margins[-1] > margins[0] and margins[-1] > 0
    # Invariant: the reference model is frozen and unchanged.
    assert all(torch.equal(v, reference.state_dict()[k]) for k, v in ref_state.items())
    assert not any(p.requires_grad for p in reference.parameters())
