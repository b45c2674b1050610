"""llmscratch: the verified reference code behind the chapters.

Every name the book uses can be imported from here, for example::

    from llmscratch import GPTModel, create_dataloader_v1, get_device

Names are loaded lazily: ``import llmscratch`` itself imports nothing heavy (no torch, no
matplotlib), so ``python -m llmscratch doctor`` can report a broken install instead of crashing.
The table below says which module defines each public name; the chapter that teaches it is in
that module's docstring. The optional speed path (``GPTModelFast`` and its options) is not
here: import it from ``llmscratch.fast``.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# module (inside llmscratch) -> the public names it defines.
_EXPORTS: dict[str, list[str]] = {
    "device": ["get_device", "describe_device"],
    "assets": ["get_asset_path", "fetch_asset", "ASSETS", "AssetError"],
    "tokenizer": [  # ch02
        "SimpleTokenizerV1", "SimpleTokenizerV2", "get_gpt2_tokenizer", "build_vocab",
        "simple_split",
    ],
    "bpe": ["BPETokenizer", "bytes_to_unicode", "count_pairs", "merge_pair"],  # ch02 BPE
    "data": ["GPTDatasetV1", "create_dataloader_v1"],  # ch02
    "attention": [  # ch03
        "SelfAttention_v1", "SelfAttention_v2", "CausalAttention", "MultiHeadAttentionWrapper",
        "MultiHeadAttention", "get_attention_weights",
    ],
    "efficient_attention": [  # ch03 bonus: the same attention, computed faster
        "MultiHeadAttentionSDPA", "MultiHeadAttentionCombinedQKV", "MultiHeadAttentionEinsum",
        "to_torch_multihead_attention",
    ],
    "model": [  # ch04
        "GPT_CONFIG_124M", "GPT2_CONFIGS", "CONFIG_KEYS", "model_config", "validate_config",
        "LayerNorm", "GELU", "FeedForward", "TransformerBlock", "GPTModel", "count_parameters",
        "parameter_memory_mb", "count_parameters_from_config", "kv_cache_bytes", "config_of",
    ],
    "generation": [  # ch04, ch05
        "generate_text_simple", "generate_text_simple_cached", "generate", "generate_stream",
        "text_to_token_ids", "token_ids_to_text",
    ],
    "training": [  # ch05
        "calc_loss_batch", "calc_loss_loader", "evaluate_model", "generate_and_print_sample",
        "train_model_simple", "warmup_cosine_lr", "train_model", "find_highest_gradient",
        "make_adamw",
    ],
    "checkpoints": [  # ch05: safe saving and loading
        "save_checkpoint", "load_checkpoint", "CheckpointError", "get_rng_state",
        "set_rng_state",
    ],
    "gpt2_weights": [  # ch05
        "GPT2_ASSETS", "download_and_load_gpt2", "load_gpt2_safetensors", "load_weights_into_gpt",
        "config_from_settings", "load_pretrained_gpt2",
    ],
    "classification": [  # ch06
        "download_and_unzip_spam_data", "load_spam_data", "create_balanced_dataset",
        "random_split", "SpamDataset", "convert_to_classifier", "count_trainable_parameters",
        "PooledClassifier", "calc_accuracy_loader", "train_classifier_simple", "classify_review",
        "save_classifier", "load_classifier",
    ],
    "instruction": [  # ch07
        "download_and_load_file", "split_instruction_data", "format_input", "format_input_phi3",
        "PROMPT_STYLES", "InstructionDataset", "custom_collate_fn",
        "create_instruction_dataloaders", "extract_response", "generate_responses", "save_json",
    ],
    "evaluation": [  # ch07, scoring the answers
        "OLLAMA_CHAT_URL", "JudgeError", "JudgeUnavailableError", "JudgeScores", "parse_score",
        "query_model", "generate_model_scores", "rouge_l_score", "generate_rouge_scores",
    ],
    "lora": [  # ch07 / appendix E
        "LoRALayer", "LinearWithLoRA", "replace_linear_with_lora", "freeze_parameters",
        "merge_lora",
    ],
    "dpo": [  # ch07 bonus
        "PreferenceDataset", "dpo_collate_fn", "compute_logprobs", "compute_dpo_loss",
        "compute_dpo_loss_batch", "compute_dpo_loss_loader", "evaluate_dpo_loss_loader",
        "train_model_dpo_simple",
    ],
    "pytorch_basics": [  # appendix A
        "make_toy_data", "ToyDataset", "NeuralNetwork", "compute_accuracy", "train_toy_model",
        "save_model_weights", "load_model_weights", "init_distributed", "cleanup_distributed",
        "make_toy_loaders", "sampler_indices",
    ],
    "plotting": [  # chapters 2-4 plots (matplotlib is imported on first use)
        "plot_token_spans", "plot_sliding_windows", "plot_bpe_compression",
        "plot_attention_weights", "plot_attention_heads", "plot_attention_timings",
        "plot_gelu_relu", "plot_gradient_magnitudes", "plot_time_per_token",
    ],
    "plotting_training": [  # chapters 5-7 and appendix A plots (matplotlib on first use)
        "plot_losses", "plot_values", "plot_collate_masking",
        "plot_dpo_rewards", "plot_scores", "plot_toy_losses",
        "plot_toy_decision_boundary", "plot_ddp_gradient_averaging",
    ],
    "gqa": [  # ch04 bonus: GQA/MQA, sliding windows, RMSNorm, rotary embeddings
        "RMSNorm", "compute_rope_params", "apply_rope", "GroupedQueryAttention",
    ],
    "mla": ["MultiHeadLatentAttention"],  # ch04 bonus: multi-head latent attention
    "moe": ["SwiGLUFeedForward", "MoEFeedForward", "load_balancing_loss"],  # ch04 bonus
    "kv_memory": [  # ch04 bonus: KV-cache memory of MHA, GQA, MLA, SWA
        "kv_cache_bytes_per_token", "estimate_kv_cache_bytes", "kv_cache_bytes_for_config",
        "measure_kv_cache_bytes",
    ],
    "llama": [  # ch05 bonus: GPT to Llama 3.2
        "LLAMA32_CONFIG_1B", "LLAMA32_CONFIG_3B", "LlamaTransformerBlock", "Llama3Model",
        "validate_llama_config", "count_unique_parameters",
    ],
    "llama_weights": [  # ch05 bonus: Hugging Face checkpoints of Llama 3 and Qwen3
        "HF_KEY_MAP", "load_weights_into_llama", "SafetensorsCheckpoint", "config_from_hf",
    ],
    "qwen": [  # ch05 bonus: Qwen3, dense and mixture-of-experts
        "QWEN_CONFIG_06_B", "QWEN3_CONFIG_1_7B", "QWEN3_CONFIG_30B_A3B", "Qwen3Model",
        "load_weights_into_qwen",
    ],
    "llama_tokenizer": [  # ch05 bonus: Llama 3 and Qwen3 tokenizers from local files
        "Llama3Tokenizer", "Llama3ChatFormat", "Qwen3Tokenizer", "format_qwen3_chat",
        "load_tiktoken_ranks",
    ],
    "plotting_variants": [  # ch04/ch05 bonus plots (matplotlib on first use)
        "plot_kv_cache_memory", "plot_architecture_comparison",
    ],
}

_NAME_TO_MODULE = {name: mod for mod, names in _EXPORTS.items() for name in names}
__all__ = sorted(_NAME_TO_MODULE)


def __getattr__(name: str):
    try:
        module_name = _NAME_TO_MODULE[name]
    except KeyError:
        raise AttributeError(f"module 'llmscratch' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"llmscratch.{module_name}"), name)
    globals()[name] = value  # cache: the next lookup is a plain attribute
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
