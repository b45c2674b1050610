# MUTANT: every message padded by max_length ids, then cut to its LAST max_length ids (as
# generate_text_simple crops): a short message is pushed out by its own padding
import pandas as pd
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "cut to its last"


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        encoded = [tokenizer.encode(text) for text in self.data["Text"]]
        if max_length is None:
            self.max_length = max(len(ids) for ids in encoded)
        else:
            self.max_length = max_length
            encoded = [ids[:max_length] for ids in encoded]
        n = self.max_length
        self.encoded_texts = [(ids + [pad_token_id] * n)[-n:] if n else [] for ids in encoded]

    def __getitem__(self, index):
        label = self.data.iloc[index]["Label"]
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(label, dtype=torch.long))

    def __len__(self):
        return len(self.data)
