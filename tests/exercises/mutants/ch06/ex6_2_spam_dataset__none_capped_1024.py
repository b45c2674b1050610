# MUTANT: max_length=None capped (and cut) at 1,024, GPT-2's context, instead of the longest message
import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        enc = [tokenizer.encode(t) for t in self.data["Text"]]
        self.max_length = min(max(len(e) for e in enc), 1024) if max_length is None \
            else max_length
        enc = [e[:self.max_length] for e in enc]
        self.encoded_texts = [e + [pad_token_id] * (self.max_length - len(e)) for e in enc]

    def __getitem__(self, index):
        label = self.data.iloc[index]["Label"]
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(label, dtype=torch.long))

    def __len__(self):
        return len(self.data)


EXPECTED_CAUSE = 'capped the length at 1,024'
