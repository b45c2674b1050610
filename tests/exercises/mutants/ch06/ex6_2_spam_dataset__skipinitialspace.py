import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file, skipinitialspace=True)
        enc = [tokenizer.encode(t) for t in self.data["Text"]]
        self.max_length = max(map(len, enc)) if max_length is None else max_length
        self.encoded_texts = [e[:self.max_length] + [pad_token_id] * (self.max_length - len(e))
                              for e in enc]

    def __getitem__(self, index):
        return (torch.tensor(self.encoded_texts[index]),
                torch.tensor(self.data["Label"][index]))

    def __len__(self):
        return len(self.data)


EXPECTED_CAUSE = 'spaces at the start of a message were dropped'
