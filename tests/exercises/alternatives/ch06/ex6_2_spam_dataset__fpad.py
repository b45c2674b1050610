# Correct: F.pad on tensors in __getitem__, label read with .loc-free Series indexing, tolist()
import pandas as pd
import torch
import torch.nn.functional as F
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        self.pad_token_id = pad_token_id
        self.encoded_texts = [tokenizer.encode(t) for t in self.data["Text"].tolist()]
        if max_length is None:
            max_length = max(len(ids) for ids in self.encoded_texts)
        self.max_length = max_length

    def __getitem__(self, index):
        ids = torch.tensor(self.encoded_texts[index][: self.max_length], dtype=torch.long)
        ids = F.pad(ids, (0, self.max_length - ids.numel()), value=self.pad_token_id)
        label = torch.tensor(int(self.data["Label"].iloc[index]), dtype=torch.long)
        return ids, label

    def __len__(self):
        return self.data.shape[0]
