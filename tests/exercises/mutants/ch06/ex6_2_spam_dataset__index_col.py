import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file, index_col=0)
        enc = [tokenizer.encode(t) for t in self.data["Text"]]
        if max_length is None:
            self.max_length = max(len(ids) for ids in enc)
        else:
            self.max_length = max_length
            enc = [ids[:max_length] for ids in enc]
        self.encoded_texts = [ids + [pad_token_id] * (self.max_length - len(ids)) for ids in enc]
    def __getitem__(self, index):
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(self.data.iloc[index]["Label"], dtype=torch.long))
    def __len__(self):
        return len(self.data)


EXPECTED_CAUSE = "reads the first column as the index"
