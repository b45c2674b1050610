# MUTANT: pad_token_id or 50256 turns a padding id of 0 into 50256
import pandas as pd
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "0 is falsy"

class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        pad = pad_token_id or 50256
        self.data = pd.read_csv(csv_file)
        enc = [tokenizer.encode(t) for t in self.data["Text"]]
        self.max_length = max(len(e) for e in enc) if max_length is None else max_length
        enc = [e[:self.max_length] for e in enc]
        self.encoded_texts = [e + [pad] * (self.max_length - len(e)) for e in enc]
    def __getitem__(self, index):
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(self.data.iloc[index]["Label"], dtype=torch.long))
    def __len__(self):
        return len(self.data)
