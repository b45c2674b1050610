# MUTANT: messages longer than max_length dropped from the dataset instead of cut to their
# first max_length ids
import pandas as pd
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "longer one(s) were dropped"


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        data = pd.read_csv(csv_file)
        encoded = [tokenizer.encode(text) for text in data["Text"]]
        if max_length is None:
            self.max_length = max(len(ids) for ids in encoded)
            keep = [True] * len(encoded)
        else:
            self.max_length = max_length
            keep = [len(ids) <= max_length for ids in encoded]  # messages too long for the model
        self.data = data[keep].reset_index(drop=True)
        self.encoded_texts = [ids + [pad_token_id] * (self.max_length - len(ids))
                              for ids, k in zip(encoded, keep) if k]

    def __getitem__(self, index):
        label = self.data.iloc[index]["Label"]
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(label, dtype=torch.long))

    def __len__(self):
        return len(self.data)
