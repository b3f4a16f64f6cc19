"""The shape debugger: its page, its explanations, warnings and limits, the command line. English and Chinese side by side (explainer.i18n merges every catalogue)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "dbg.univariate_bf": (
        "{x} has shape {shape}: a univariate series missing its feature axis. torch reads "
        "2-D input as one unbatched sequence (L, H_in), whatever batch_first says, so "
        "it takes the time axis for {got} features. {mod} was built with batch_first=True "
        "and expects (N, L, 1): add the axis.",
        "{x} 的形状是 {shape}：单变量序列缺少特征维。无论 batch_first 怎么设，torch "
        "都把二维输入当作一个不带 batch 的序列 (L, H_in)，于是把时间维当成了 {got} 个特征。"
        "{mod} 构建时设了 batch_first=True，需要 (N, L, 1)：请加上这一维。",
    ),
    "dbg.packed_head": (
        "For one vector per sequence (a classifier head), use the final state h_n[-1] "
        "instead: with packing it is each sequence's state after its last valid timestep.",
        "如果每个序列只需要一个向量（例如分类头），请改用最终状态 h_n[-1]：打包之后，"
        "它就是每个序列在最后一个有效时间步的状态。",
    ),
    "dbg.packed_head_bidir": (
        "For one vector per sequence (a classifier head), use the final states of both "
        "directions of the top layer instead: torch.cat((h_n[-2], h_n[-1]), dim=-1), "
        "{width} = 2·{H} wide. h_n[-1] alone is the reverse direction, which ends at "
        "t = 0 and is only {H} wide.",
        "如果每个序列只需要一个向量（例如分类头），请改用最上层两个方向的最终状态：torch.cat((h_n[-2], "
        "h_n[-1]), dim=-1)，大小为 {width} = 2·{H}。单独的 h_n[-1] 只是反向，它在 t = "
        "0 处结束，大小也只有 {H}。",
    ),
    "dbg.emb_rand": (
        "{x} comes from torch.{fn}, random floats in [0, 1): they are no ids, and .long() "
        "truncates every one of them to 0, so torch raises nothing but every token becomes "
        "the id 0. For a test batch of ids, draw integers: {code}.",
        "{x} 来自 torch.{fn}，是 [0, 1) 之间的随机浮点数：它们不是编号，.long() 会把每一个都截断成 "
        "0，torch 不会报错，但所有词都变成了编号 0。要造一批测试用的编号，请抽取整数："
        "{code}。",
    ),
    "dbg.emb_empty": (
        "{x} comes from torch.{fn}, memory that was never written: its values are no "
        "ids, and .long() of them gives whatever numbers were left there, often far outside "
        "0 … {last}. For a test batch of ids, draw integers: {code}.",
        "{x} 来自 torch.{fn}，是从未写入过的内存：里面的值不是编号，.long() 得到的是内存里残留的任意数，"
        "常常远在 0 … {last} 之外。要造一批测试用的编号，请抽取整数：{code}。",
    ),
    "dbg.w.random_state": (
        "Line {line}: the initial state given to nn.{mode} is drawn with {fn} every time "
        "this code runs, so the same input gives a different output on every call, and "
        "training learns from noise. Start from zeros: pass no state (torch then uses "
        "zeros), or build it with torch.zeros.",
        "第 {line} 行：传给 nn.{mode} 的初始状态每次运行到这里都用 {fn} 重新随机生成，"
        "同一个输入每次调用都会得到不同的输出，训练时模型学到的也是噪声。请从全零开始："
        "不传初始状态（torch 会自动用全零），或者用 torch.zeros 创建。",
    ),
    "cli.ok": (
        "{path}: runs under real torch; no shape error.",
        "{path}：在真实 torch 下可以运行，没有形状错误。",
    ),
    "cli.fix": ("Fix:", "修改建议："),
    "cli.warning": ("warning", "警告"),
    "cli.shapes": ("Shapes where it stopped:", "停止时各张量的形状："),
    "dbgp.title": ("Shape debugger", "形状调试器"),
    "dbgp.purpose": (
        "Paste PyTorch code that fails (or silently misbehaves). The checker reads it without running it, "
        "applies torch's real shape rules, and says what torch would say, where, why, and how to fix it.",
        "粘贴出错（或悄悄出错）的 PyTorch 代码。检查器不会运行它，而是套用 torch 真实的形状规则，告诉你 torch 会报什么错、"
        "在哪一行、为什么，以及怎么改。",
    ),
    "dbgp.input_mode": ("Input", "输入方式"),
    "dbgp.mode_code": ("Code", "代码"),
    "dbgp.mode_form": ("Form (no code)", "表单（不写代码）"),
    "dbgp.example": ("Start from an example", "从示例开始"),
    "dbgp.example_none": ("(my own code)", "（我自己的代码）"),
    "dbgp.example_unknown": (
        "The link asks for the example '{name}', which this page does not have; pick one below.",
        "链接要打开的示例“{name}”在本页不存在，请在下方选择一个示例。",
    ),
    "dbgp.code": ("Your code", "你的代码"),
    "dbgp.check": ("Check", "检查"),
    "dbgp.ok": (
        "Real torch would run this to the end: no shape error.",
        "真实的 torch 可以运行到结尾：没有形状错误。",
    ),
    "dbgp.torch_says": ("Line {line}: torch raises {kind}", "第 {line} 行：torch 抛出 {kind}"),
    "dbgp.why": ("Why", "原因"),
    "dbgp.where": ("Where", "位置"),
    "dbgp.steps": ("Every tensor, line by line", "逐行列出每个张量"),
    "dbgp.col.line": ("Line", "行"),
    "dbgp.col.name": ("Name", "名称"),
    "dbgp.col.shape": ("Shape", "形状"),
    "dbgp.warnings": ("Silent mistakes", "不报错的隐患"),
    "dbgp.fix": ("The fix", "修改方法"),
    "dbgp.fixed": ("Your code with the fix in place", "改好后的完整代码"),
    "dbgp.recheck": ("Check the fixed code", "检查改好的代码"),
    "dbgp.after_ok": (
        "Checked with the fix in place: the code then runs to the end.",
        "已带着这处修改重新检查：改好后代码能运行到最后。",
    ),
    "dbgp.after_error": (
        "Checked with the fix in place: this error is gone, but torch would then raise {kind} at line {line} "
        "(below). Apply the fix and check again for the next one.",
        "已带着这处修改重新检查：这个错误没有了，但 torch 接着会在第 {line} 行报 {kind}（见下）。"
        "请先应用这处修改，再检查一次以处理下一个错误。",
    ),
    "dbgp.after_unknown": (
        "With the fix in place, this checker cannot follow the code to the end (see the fixed code's check).",
        "应用这处修改后，本检查器无法把代码检查到最后（请检查改好的代码看原因）。",
    ),
    "dbgp.unresolved": (
        "These names are used but never defined: {names}. Define them in the code (e.g. batch_size = 32).",
        "这些名字被使用但没有定义：{names}。请在代码中定义它们（例如 batch_size = 32）。",
    ),
    "dbgp.form_x": ("input shape", "input 的形状"),
    "dbgp.form_h0": ("h_0 shape (empty: not passed)", "h_0 的形状（留空：不传入）"),
    "dbgp.form_c0": ("c_0 shape (LSTM; empty: not passed)", "c_0 的形状（LSTM；留空：不传入）"),
    "dbgp.form_code": ("The code this form describes", "该表单对应的代码"),
    "dbgp.values": (
        "Or give their values here: a number (e.g. 32), or a shape (e.g. (5, 3, 10)) for a tensor. They are "
        "written in front of your code as assignments, and the check runs again; nothing is executed.",
        "也可以在这里给出它们的值：一个数（例如 32），或张量的形状（例如 (5, 3, 10)）。它们会以赋值语句的形式写在你的代码前面，"
        "然后重新检查；代码不会被执行。",
    ),
    "dbgp.values_used": (
        "Checked with the values you gave, written in front of your code:",
        "已使用你给出的值（写在代码前面）进行检查：",
    ),
    "dbgp.values_unknown": (
        "Give the value the real run would have here: a number (e.g. 32), or a shape (e.g. (5, 3, 10)) for a "
        "tensor. It stands in where your code computes it (a comment in the checked code says so), and the "
        "check runs again from the start; nothing is executed.",
        "请在这里给出真实运行时会有的值：一个数（例如 32），或张量的形状（例如 (5, 3, 10)）。它会代替你的代码算出这个值的地方"
        "（检查的代码里有注释说明），然后从头重新检查；代码不会被执行。",
    ),
    "dbgp.value_help": (
        "A number binds that number; a shape binds torch.randn(shape).",
        "填一个数就绑定这个数；填形状就绑定 torch.randn(形状)。",
    ),
    "dbgp.exp_fixed": ("The fixed code (.py)", "改好的代码（.py）"),
    "dbgp.exp_code": ("The checked code (.py)", "检查的代码（.py）"),
    "dbgp.exp_steps": ("The shape table, line by line (CSV)", "逐行形状表（CSV）"),
    "dbgp.exp_report": ("The diagnosis as text (.txt)", "诊断结果（文本 .txt）"),
    "dbg.values_comment": ("values given on the page", "页面上给出的值"),
    "what.call depth": ("nested calls", "嵌套调用"),
    "what.data size": ("data size", "数据量"),
    "what.iterations": ("loop iterations", "循环次数"),
    "what.list length": ("list length", "列表长度"),
    "what.nesting": ("nesting depth", "嵌套深度"),
    "what.num_layers": ("num_layers", "num_layers"),
    "what.number size": ("the size of a number", "数值大小"),
    "what.sequence length": ("sequence length", "序列长度"),
    "what.statements": ("statements executed", "执行的语句数"),
    "what.time": (
        "checking budget (about two seconds of estimated work; counted, so the same on any machine)",
        "检查预算（估计约 2 秒的工作量；按计数估算，在任何机器上结果都一样）",
    ),
    "what.text size": ("the length of a string", "字符串长度"),
    "dbg.not_text": ("The snippet must be text.", "代码片段必须是文本。"),
    "dbg.too_long": (
        "The snippet has {n} characters; this checker reads at most {limit}.",
        "代码片段有 {n} 个字符；本检查器最多读取 {limit} 个。",
    ),
    "dbg.syntax": ("Python cannot parse this code: {error}", "Python 无法解析这段代码：{error}"),
    "dbg.too_large": (
        "Too large to check: {reason} Nothing was run for real, and nobody else's page was slowed; "
        "make the sizes or loops smaller and check again.",
        "太大，无法检查：{reason}代码并没有真正运行，也没有拖慢其他人的页面；请把尺寸或循环改小后再检查。",
    ),
    "dbg.too_large.cpu": (
        "checking it needed more than 5 seconds of computing (something compares, hashes or prints a "
        "very large or deeply nested structure).",
        "检查它需要超过 5 秒的计算（有代码在比较、哈希或打印一个非常大或嵌套很深的结构）。",
    ),
    "dbg.too_large.memory": (
        "checking it needed more memory than this server gives one check (about 1.5 GB): a tensor or "
        "structure this size has to exist for real to be checked.",
        "检查它需要的内存超过了本服务器给一次检查的上限（约 1.5 GB）：这么大的张量或结构必须真实存在才能检查。",
    ),
    "dbg.too_large.stalled": (
        "the check did not finish within a minute.",
        "检查在一分钟内没有完成。",
    ),
    "dbg.too_large.crashed": (
        "the checker failed on it (this is our fault, not your code's).",
        "检查器在处理它时出错（这是我们的问题，不是你的代码的问题）。",
    ),
    "dbg.refused": (
        "Line {line}: {construct} is outside what this checker evaluates, so nothing after it was checked. "
        "It reads imports of torch, torch.nn.functional and torch.optim, tensors, nn.RNN/LSTM/GRU and their "
        "cells, Embedding, Linear, Dropout, activations, Sequential, losses, optimizers, nn.Module classes, "
        "plain functions, loops and comprehensions.",
        "第 {line} 行：{construct} 不在本检查器可计算的范围内，其后的代码未检查。它支持 torch、torch.nn.functional "
        "和 torch.optim 的导入、张量、nn.RNN/LSTM/GRU 及其 Cell、Embedding、Linear、Dropout、激活函数、Sequential、"
        "损失函数、优化器、nn.Module 类、普通函数、循环和推导式。",
    ),
    "dbg.limit": (
        "Line {line}: the snippet reached this checker's limit on {what}; it stops there instead of running on.",
        "第 {line} 行：代码片段达到了本检查器对 {what} 的上限，检查在此停止。",
    ),
    "dbg.name": (
        "{error}. Define it above this line (or tell the form its value).",
        "{error}。请在这一行之前定义它（或在表单中给出它的值）。",
    ),
    "dbg.name_import": (
        "{error}: the module is used under its usual name but never imported. Add {code} at the top.",
        "{error}：代码按惯用的名字使用了这个模块，但从没有导入它。请在开头加上 {code}。",
    ),
    "dbg.generic": (
        "torch raised {kind}. The tensors in this call had shapes {shapes}.",
        "torch 抛出了 {kind}。该调用中的张量形状为 {shapes}。",
    ),
    "dbg.input_size": (
        "{x} has shape {shape}: its last axis holds {got} features, but {mod} was built with input_size={expected}. "
        "The last axis of the input must equal input_size.",
        "{x} 的形状是 {shape}：最后一维有 {got} 个特征，但 {mod} 构建时 input_size={expected}。输入的最后一维必须等于 input_size。",
    ),
    "dbg.univariate": (
        "{x} has shape {shape}: a univariate series missing its feature axis. torch reads "
        "2-D input as one unbatched sequence (L, H_in), so it takes the batch axis for "
        "{got} features. {mod} expects (L, N, 1): add the axis.",
        "{x} 的形状是 {shape}：单变量序列缺少特征维。torch 把二维输入当作一个不带 batch "
        "的序列 (L, H_in)，于是把 batch 维当成了 {got} 个特征。{mod} 需要 (L, N, 1)："
        "请加上这一维。",
    ),
    "dbg.after_bidir": (
        "{x} comes from a bidirectional layer, so it is D·H_out = 2·{H} = {got} wide, but {mod} expects "
        "input_size={expected}. Build the next layer with input_size={got}.",
        "{x} 来自双向层，最后一维的大小是 D·H_out = 2·{H} = {got}，但 {mod} 的 input_size={expected}。"
        "请用 input_size={got} 构建下一层。",
    ),
    "dbg.embedding": (
        "{x} comes from nn.Embedding with embedding_dim={got}, but {mod} expects input_size={expected}. The "
        "embedding size is the RNN's input_size.",
        "{x} 来自 embedding_dim={got} 的 nn.Embedding，但 {mod} 的 input_size={expected}。词向量维度就是 RNN 的 input_size。",
    ),
    "dbg.hx_layers": (
        "{name} has shape {got}, but {mod} expects {which} of shape {expected}. Its first axis counts layers and "
        "directions: D·num_layers = {D}·{layers} = {expected[0]}.",
        "{name} 的形状是 {got}，但 {mod} 需要形状为 {expected} 的 {which}。第 0 维（dim "
        "0）是层数乘方向数：D·num_layers = {D}·{layers} = {expected[0]}。",
    ),
    "dbg.hx_batch_first": (
        "{name} has shape {got}, but {mod} expects {which} of shape {expected}. batch_first=True changes only "
        "input and output: {which} is still (D·num_layers, N, H), with the batch N = {expected[1]} on axis 1.",
        "{name} 的形状是 {got}，但 {mod} 需要形状为 {expected} 的 {which}。batch_first=True "
        "只影响 input 和 output：{which} 仍然是 (D·num_layers, N, H)，批量大小 N = {expected[1]} "
        "在第 1 维（dim 1）。",
    ),
    "dbg.hx_batch_first_swapped": (
        "{name} has shape {got}: it was built batch-first, as (N, D·num_layers, {H}). But batch_first=True "
        "applies to input and output only. {which} is always (D·num_layers, N, {H}), whatever batch_first "
        "says: here ({D}·{layers}, {N}, {width}) = {expected}, layers and directions first, the batch N = {N} "
        "second. Swap its first two axes where you build it.",
        "{name} 的形状是 {got}：它是按 batch 在前的方式构建的，即 (N, D·num_layers, {H})。"
        "但 batch_first=True 只作用于 input 和 output。无论 batch_first 怎么设，{which} "
        "的形状永远是 (D·num_layers, N, {H})：这里是 ({D}·{layers}, {N}, {width}) = {expected}，"
        "层数乘方向数在第 0 维（dim 0），批量大小 N = {N} 在第 1 维（dim 1）。请在创建它的地方交换第 "
        "0 维和第 1 维。",
    ),
    "dbg.data_batch_first": (
        "{x} has shape {shape}, and {name} was built for a batch of {N} (axis 0 of {x}): your data is "
        "batch-first, (N, L, H_in). But {mod} was built without batch_first, so it reads {x} as (L, N, H_in): "
        "{N} timesteps of a batch of {L}, which is why it expects {which} of shape {expected}. Leave {name} as "
        "it is and give {mod} the layout of the data: build it with batch_first=True, or pass "
        "{x}.transpose(0, 1), which is (L, N, H_in). (With batch_first=True, output becomes (N, L, …) too, so "
        "output[-1] would then be the last sample: use output[:, -1].)",
        "{x} 的形状是 {shape}，而 {name} 是按批量大小 {N}（{x} 的第 0 维）构建的：你的数据是 "
        "batch 在前的 (N, L, H_in)。但 {mod} 构建时没有设 batch_first，所以它把 {x} 读成 "
        "(L, N, H_in)：{N} 个时间步、批量大小为 {L}，因此它要求 {which} 的形状是 {expected}。"
        "{name} 不用改，要改的是 {mod} 读数据的方式：构建时加上 batch_first=True，或者传入 "
        "{x}.transpose(0, 1)，即 (L, N, H_in)。（设 batch_first=True 后 output 也变成 "
        "(N, L, …)，那时 output[-1] 是最后一个样本，应改用 output[:, -1]。）",
    ),
    "dbg.hx_batch": (
        "{name} has shape {got}, but {mod} expects {which} of shape {expected}: it was built for a batch of "
        "{got[1]}, while {x} has a batch of {expected[1]}. Build it from the input's batch size.",
        "{name} 的形状是 {got}，但 {mod} 需要形状为 {expected} 的 {which}：它是按批量大小 "
        "{got[1]} 构建的，而 {x} 的批量大小是 {expected[1]}。请根据输入的批量大小构建。",
    ),
    "dbg.hx_batch_only": (
        "{name} has shape {got}, but {mod} expects {which} of shape {expected}: it holds a batch of {got[1]}, "
        "while {x} has a batch of {expected[1]}.",
        "{name} 的形状是 {got}，但 {mod} 需要形状为 {expected} 的 {which}：它对应的批量大小是 "
        "{got[1]}，而 {x} 的批量大小是 {expected[1]}。",
    ),
    "dbg.hx_carried": (
        "{name} is no state you built: it is a final state that the recurrent call on line {line} returned, so "
        "it carries what the "
        "model has read so far. Rebuilding it as zeros would throw that away, so no fix is offered here. A "
        "state carries over only to a batch of the same size: for a batch of a new size start from a fresh "
        "state (zeros of the new batch, or your own init_hidden), or keep every batch one size (for example "
        "DataLoader(..., drop_last=True)).",
        "{name} 不是你自己创建的状态：它是第 {line} 行的循环层调用返回的最终状态，"
        "保存着模型到目前为止读到的内容。把它换成全零会丢掉这些信息，所以这里不给出自动修改。"
        "状态只能延续到批量大小相同的下一批：批量大小变了，就从新的状态开始（按新的批量大小创建的全零状态，"
        "或你自己的 init_hidden），或者让每一批的大小都相同（例如 DataLoader(..., drop_last=True)）"
        "。",
    ),
    "dbg.hx_carried_layers": (
        "{name} is no state you built: it is a final state that the recurrent call on line {line} returned, from "
        "a module with another "
        "number of layers or directions. Rebuilding it as zeros would throw it away, so no fix is offered here: "
        "how to pass it on is a design choice. Make it {rows} row(s) on purpose: for a bidirectional encoder, "
        "sum its two directions ({name}[0::2] + {name}[1::2], one row per layer) or concatenate them and map "
        "them through an nn.Linear(2·H, H); or build the receiving module with the same D·num_layers.",
        "{name} 不是你自己创建的状态：它是第 {line} 行的循环层调用返回的最终状态，来自层数或方向数不同的模块。把它换成全零会丢掉"
        "这些信息，所以这里不给出自动修改：怎样把它传下去是模型设计的选择。请有意地把它变成 {rows} 行：对双向编码器，"
        "可以把两个方向相加（{name}[0::2] + {name}[1::2]，每层一行），或者拼接后经过 nn.Linear(2·H, H) 映射；"
        "也可以让接收它的模块具有相同的 D·num_layers。",
    ),
    "dbg.hx_proj": (
        "{name} has shape {got}, but {mod} expects {which} of shape {expected}: with proj_size={proj}, h is "
        "proj_size wide, while c stays hidden_size={hidden} wide.",
        "{name} 的形状是 {got}，但 {mod} 需要形状为 {expected} 的 {which}：设置 proj_size={proj} "
        "后，h 的大小是 proj_size，而 c 仍是 hidden_size={hidden}。",
    ),
    "dbg.hx_width": (
        "{name} has shape {got}, but {mod} expects {which} of shape {expected}: its last axis is the hidden width.",
        "{name} 的形状是 {got}，但 {mod} 需要形状为 {expected} 的 {which}：最后一维是隐藏状态的大小。",
    ),
    "dbg.lstm_pair": (
        "{mod} is an LSTM: it takes its initial state as a pair (h_0, c_0). Given the single tensor {h}, torch "
        "split it along its first axis into two states, hence the confusing message.",
        "{mod} 是 LSTM：初始状态要以 (h_0, c_0) 二元组传入。只传入一个张量 {h} 时，torch "
        "沿第 0 维（dim 0）把它拆成两个状态，所以报错令人费解。",
    ),
    "dbg.lstm_single_state": (
        "{mod} is an nn.LSTM: its state is the pair (h_0, c_0), but {h} is one tensor of shape {shape}. torch "
        "does not check for that: it reads {h}[0] as h_0 and {h}[1] as c_0, and {h} has only {rows} row(s) on "
        "its first axis (D·num_layers), so there is no {h}[1]: hence the index out of bounds. Pass both states "
        "as a tuple: ({h}, c_0), with c_0 hidden_size wide.",
        "{mod} 是 nn.LSTM：它的状态是二元组 (h_0, c_0)，而 {h} 只是一个形状为 {shape} "
        "的张量。torch 不检查这一点：它把 {h}[0] 当作 h_0、{h}[1] 当作 c_0，可 {h} 的第 "
        "0 维（D·num_layers）只有 {rows} 行，根本没有 {h}[1]，于是报出索引越界。请把两个状态作为元组传入："
        "({h}, c_0)，其中 c_0 最后一维的大小是 hidden_size。",
    ),
    "dbg.lstm_pair_packed": (
        "{mod} is an nn.LSTM: its state is the pair (h_0, c_0). With a PackedSequence, torch hands the single "
        "tensor {h} straight to its kernel, which expects a tuple of tensors: hence 'invalid combination of "
        "arguments'. Pass ({h}, c_0).",
        "{mod} 是 nn.LSTM：它的状态是二元组 (h_0, c_0)。输入是 PackedSequence 时，torch 把单个张量 {h} 直接交给底层算子，"
        "而算子要的是张量元组，于是报出 “invalid combination of arguments”。请传入 ({h}, c_0)。",
    ),
    "dbg.packed_lstm_note": (
        "Note: on a PackedSequence, torch's nn.LSTM skips this check; real torch then fails later with a message "
        "that depends on the lengths, returns states of the wrong shape, or even crashes. This checker applies "
        "the rule nn.LSTM applies to padded input (and nn.GRU to packed input).",
        "注意：输入是 PackedSequence 时，torch 的 nn.LSTM 跳过了这项检查；真实的 torch 会在之后报出随长度而变的错误、"
        "返回形状错误的状态，甚至直接崩溃。本检查器采用 nn.LSTM 对填充输入（以及 nn.GRU 对打包输入）使用的同一条规则。",
    ),
    "dbg.proj_too_big": (
        "{mod}: proj_size={proj} is not smaller than hidden_size={hidden}. The projection shrinks h from "
        "hidden_size down to proj_size (c stays hidden_size wide), so torch requires proj_size < hidden_size. "
        "For h {proj} wide, drop proj_size and build it with hidden_size={proj}; to project, pick a proj_size "
        "below hidden_size.",
        "{mod}：proj_size={proj} 不小于 hidden_size={hidden}。投影把 h 从 hidden_size "
        "压缩到 proj_size（c 的大小仍是 hidden_size），所以 torch 要求 proj_size < hidden_size。"
        "若想让 h 的大小为 {proj}，去掉 proj_size，改用 hidden_size={proj} 构建；若确实要投影，"
        "proj_size 须小于 hidden_size。",
    ),
    "dbg.proj_not_lstm": (
        "{mod}: proj_size={proj} exists only on nn.LSTM, where it projects h down to proj_size while c stays "
        "hidden_size wide. nn.{kind} has no projection: drop proj_size (for narrower outputs, put an nn.Linear "
        "after it, or use nn.LSTM).",
        "{mod}：proj_size={proj} 只有 nn.LSTM 才有，它把 h 投影到 proj_size，而 c 的大小保持 "
        "hidden_size。nn.{kind} 没有投影：请去掉 proj_size（需要更小的输出时，在其后接一个 "
        "nn.Linear，或改用 nn.LSTM）。",
    ),
    "dbg.hx_batched": (
        "{x} has shape {shape}, and the state you passed to {mod} has a different number of axes: batched "
        "(3-D) input needs 3-D states, unbatched (2-D) input 2-D states.",
        "{x} 的形状是 {shape}，而传给 {mod} 的状态维数不同：带 batch 的三维输入需要三维状态，不带 batch 的二维输入需要二维状态。",
    ),
    "dbg.gru_tuple": (
        "{mod} is an nn.{kind}: it takes one initial state h_0, not a pair (h_0, c_0) like an LSTM.",
        "{mod} 是 nn.{kind}：只接受一个初始状态 h_0，不像 LSTM 那样接受 (h_0, c_0)。",
    ),
    "dbg.int_input": (
        "{x} holds integers ({dtype}). Token ids must go through nn.Embedding first; numeric data must be float.",
        "{x} 是整数（{dtype}）。词的编号要先经过 nn.Embedding；数值数据必须是浮点数。",
    ),
    "dbg.dtype_input": (
        "{x} is {dtype} but the weights are {wdtype}: convert the input (or the model) so they match.",
        "{x} 是 {dtype}，而权重是 {wdtype}：请转换输入（或模型），使二者一致。",
    ),
    "dbg.state_is": ("{name} is {dtype}", "{name} 是 {dtype}"),
    "dbg.state_dtype": (
        "The shapes are right, the dtypes are not: {states}, while the weights of {mod} are {wdtype}. Every "
        "step multiplies the state by the weights (W_hh·h), and torch's matrix product needs the same dtype "
        "on both sides. Convert the state with .{method} (or build it with dtype={wdtype}), so that it matches "
        "the weights and the input.",
        "形状没有问题，问题在 dtype：{states}，而 {mod} 的权重是 {wdtype}。每个时间步都要把状态乘以权重（W_hh·h），"
        "torch 的矩阵乘法要求两边的 dtype 相同。请用 .{method} 转换状态（或在创建时写 dtype={wdtype}），"
        "让它与权重和输入一致。",
    ),
    "dbg.cell_sequence": (
        "{mod} is an nn.{kind}Cell: it computes one timestep, so it takes (N, H_in), not the whole sequence "
        "{shape}. Loop over time.",
        "{mod} 是 nn.{kind}Cell：它只计算一个时间步，所以输入是 (N, H_in)，而不是整个序列 {shape}。请按时间循环。",
    ),
    "dbg.lstmcell_pair": (
        "{mod} is an nn.LSTMCell: its state is the pair (h, c).",
        "{mod} 是 nn.LSTMCell：它的状态是 (h, c) 二元组。",
    ),
    "dbg.linear": (
        "{x} is {got} wide in its last axis, but {mod} was built with in_features={expected}.",
        "{x} 最后一维的大小是 {got}，但 {mod} 构建时 in_features={expected}。",
    ),
    "dbg.linear_bidir": (
        "{x} comes from a bidirectional RNN, so it is D·H = {got} wide, but {mod} was built for in_features="
        "{expected} (H). Use D·H.",
        "{x} 来自双向 RNN，最后一维的大小是 D·H = {got}，但 {mod} 按 in_features={expected}（H）"
        "构建。请用 D·H。",
    ),
    "dbg.linear_hn_bidir": (
        "{x} is the final state of one direction only. For a bidirectional layer h_n is (D·num_layers, N, "
        "H_out), and its last layer's two final states are {base}[-2] (forward, after the last step) and "
        "{base}[-1] (backward, after reading back to the first step), each {H} wide. {mod} expects "
        "in_features={expected} = 2·{H}: both directions. Keep {mod} and join them: "
        "torch.cat(({base}[-2], {base}[-1]), dim={dim}).",
        "{x} 只是一个方向的最终状态。双向层的 h_n 形状是 (D·num_layers, N, H_out)，"
        "最后一层的两个最终状态是 {base}[-2]（正向，读完最后一步之后）和 {base}[-1]（反向，"
        "倒着读回第一步之后），大小各为 {H}。{mod} 需要 in_features={expected} = 2·{H}，"
        "也就是两个方向都要。{mod} 不用改，把两者拼起来：torch.cat(({base}[-2], {base}[-1]), "
        "dim={dim})。",
    ),
    "dbg.pack_sorted": (
        "pack_padded_sequence expects lengths sorted longest first unless you pass enforce_sorted=False (torch "
        "then sorts and unsorts for you).",
        "pack_padded_sequence 默认要求 lengths 从长到短排序；传入 enforce_sorted=False 后 torch 会替你排序并还原顺序。",
    ),
    "dbg.pack_batch_first": (
        "pack_padded_sequence got {n} lengths for a batch of {batch}: it read the wrong axis as the batch. Pass "
        "batch_first=True if your padded tensor is (N, L, …).",
        "pack_padded_sequence 收到 {n} 个长度，但批量大小是 {batch}：它把错误的维当成了 "
        "batch 维。如果填充后的张量是 (N, L, …)，请传入 batch_first=True。",
    ),
    "dbg.unpack_gru": (
        "A GRU or RNN returns (output, h_n), with h_n one tensor; unpacking it as (h, c) splits h_n along its "
        "first axis.",
        "GRU 或 RNN 返回 (output, h_n)，h_n 是一个张量；把它拆成 (h, c) 会沿第 0 维（dim 0）切开 h_n。",
    ),
    "dbg.ce_sequence": (
        "{loss} reads the classes along dim 1: it takes scores (N, C) with targets (N,), or (N, C, L) with "
        "targets (N, L). {pred} is {pred_shape}, a score for each of {C} classes at every step, laid out "
        "(N, L, C), and {target} is {target_shape}, so torch took dim 1 for the classes. Flatten the steps "
        "into the batch: {pred}.reshape(-1, {C}) against {target}.reshape(-1) (or move the classes to dim 1 "
        "with {pred}.permute(0, 2, 1)).",
        "{loss} 沿第 1 维（dim 1）读取类别：它接受 (N, C) 的分数配 (N,) 的目标，或 (N, "
        "C, L) 的分数配 (N, L) 的目标。{pred} 的形状是 {pred_shape}，即每个时间步对 {C} "
        "个类别各给一个分数，排列为 (N, L, C)；{target} 的形状是 {target_shape}，于是 "
        "torch 把第 1 维当成了类别。请把时间步并入 batch：{pred}.reshape(-1, {C}) 配 "
        "{target}.reshape(-1)（或用 {pred}.permute(0, 2, 1) 把类别移到第 1 维）。",
    ),
    "dbg.ce_target_column": (
        "{loss} wants one class index per row: targets of shape (N,), here ({N_hint},). {target} is "
        "{target_shape}, a column; drop its last axis with {target}.squeeze(-1).",
        "{loss} 要求每一行一个类别下标：目标的形状应为 (N,)，这里是 ({N_hint},)。{target} 的形状是 {target_shape}，"
        "是一列；请用 {target}.squeeze(-1) 去掉最后一维。",
    ),
    "dbg.ce_batch": (
        "{loss} pairs each row of scores with one class index: {pred} has {rows} rows, shape {pred_shape}; "
        "{target} holds {labels}, shape {target_shape}. When the scores are a sequence flattened to (N·L, C), "
        "flatten the targets the same way, {target}.reshape(-1); otherwise both must come from the same batch.",
        "{loss} 把每一行分数与一个类别下标配对：{pred} 有 {rows} 行，形状 {pred_shape}；{target} 有 {labels} 个，"
        "形状 {target_shape}。如果分数是把序列展平成 (N·L, C) 得到的，请用同样方式展平目标：{target}.reshape(-1)；"
        "否则两者必须来自同一个 batch。",
    ),
    "dbg.cell_tuple": (
        "{mod} is an nn.{kind}: its state is one tensor h of shape (N, hidden_size) = (N, {H}), not a pair "
        "(h, c) as for an nn.LSTMCell; it has no cell state c. torch called .dim() on the tuple you passed, "
        "hence the message about a 'tuple' object. Pass h alone.",
        "{mod} 是 nn.{kind}：它的状态只是一个张量 h，形状 (N, hidden_size) = (N, {H})，不像 nn.LSTMCell 那样是 "
        "(h, c) 二元组，它没有细胞状态 c。torch 对你传入的元组调用了 .dim()，所以报错说 'tuple' 对象没有这个属性。"
        "只传 h 即可。",
    ),
    "dbg.cell_input": (
        "{x} has shape {shape}: its last axis holds {got} features, but {mod} was built with "
        "input_size={expected}. A cell's input is one timestep, (N, input_size).",
        "{x} 的形状是 {shape}：最后一维有 {got} 个特征，但 {mod} 构建时 input_size={expected}。"
        "Cell 的输入是一个时间步，形状 (N, input_size)。",
    ),
    "dbg.cell_batch": (
        "{mod} is an nn.{kind}: it computes one timestep for a whole batch, from an input (N, input_size) and "
        "a state {which} (N, hidden_size), and both must hold the same batch N. {x} has shape {shape}, a batch "
        "of {N}, but {name} has shape {state}, a batch of {got}. Build the state from the input's batch size: "
        "(N, hidden_size) = ({N}, {H}).",
        "{mod} 是 nn.{kind}：它为整个 batch 计算一个时间步，输入是 (N, input_size)，状态 "
        "{which} 是 (N, hidden_size)，两者的批量大小 N 必须相同。{x} 的形状是 {shape}，"
        "批量大小为 {N}；而 {name} 的形状是 {state}，批量大小为 {got}。请按输入的批量大小创建状态："
        "(N, hidden_size) = ({N}, {H})。",
    ),
    "dbg.cell_carried": (
        "{name} is no state you built: the cell returned it on line {line}, for a batch of {got}, and it "
        "carries what the cell has read so far. Rebuilding it as zeros would throw that away, so no fix is "
        "offered here. A state carries over only to a batch of the same size: for a batch of a new size, "
        "start from a fresh state.",
        "{name} 不是你自己创建的状态：它是第 {line} 行的 Cell 返回的，对应批量大小 {got}，"
        "保存着到目前为止读到的内容。把它换成全零会丢掉这些信息，所以这里不给出自动修改。"
        "状态只能延续到批量大小相同的下一批：批量大小变了，就从新的状态开始。",
    ),
    "dbg.cell_unbatched": (
        "{x} has shape {shape}: one sample, without a batch axis. {mod} then gives the sample a batch of one "
        "and adds that axis to {name} too: {state} becomes {batched}, and torch reads its axis 1 as the width, "
        "hence 'got {got}'. Unbatched input takes an unbatched state ({H},); batched input (N, input_size) "
        "takes a state (N, {H}). Pass {x} as a batch of one, {x}.unsqueeze(0), or {name} without its batch "
        "axis.",
        "{x} 的形状是 {shape}：这是一个没有 batch 维的样本。于是 {mod} 给它加上大小为 "
        "1 的 batch 维，也给 {name} 加上这一维：{state} 变成 {batched}，torch 再把它的第 "
        "1 维（dim 1）当成隐藏状态的大小，所以报 “got {got}”。不带 batch 的输入配不带 "
        "batch 的状态 ({H},)；带 batch 的输入 (N, input_size) 配状态 (N, {H})。请把 {x} "
        "作为只有一个样本的 batch 传入，即 {x}.unsqueeze(0)，或者去掉 {name} 的 batch "
        "维。",
    ),
    "dbg.cell_width": (
        "{name} has shape {state}, but {mod} was built with hidden_size={H}: the last axis of a cell's state "
        "({which}; for an nn.LSTMCell both h and c) is hidden_size wide, (N, {H}) for a batch and ({H},) for "
        "one sample.",
        "{name} 的形状是 {state}，但 {mod} 构建时 hidden_size={H}：Cell 状态（{which}；"
        "nn.LSTMCell 的 h 和 c 都是）最后一维的大小是 hidden_size，带 batch 时为 (N, "
        "{H})，单个样本时为 ({H},)。",
    ),
    "dbg.cell_state_3d": (
        "{name} has shape {state}, the layout of an nn.RNN/LSTM/GRU layer's h_0, (D·num_layers, N, H_out). "
        "{mod} is an nn.{kind}: one layer, one direction, one timestep, so its state has no layer axis: "
        "(N, hidden_size) = ({N}, {H}).",
        "{name} 的形状是 {state}，这是 nn.RNN/LSTM/GRU 层的 h_0 的布局 (D·num_layers, N, H_out)。{mod} 是 "
        "nn.{kind}：只有一层、一个方向、一个时间步，所以它的状态没有层这一维：(N, hidden_size) = ({N}, {H})。",
    ),
    "dbg.input_dims": (
        "{mod} reads a sequence: a batch as {layout}, or one sequence as (L, H_in), with H_in = input_size = "
        "{I} features at each timestep. {x} has {k} axes: {shape}.",
        "{mod} 读入的是序列：一个 batch 为 {layout}，单个序列为 (L, H_in)，每个时间步有 "
        "H_in = input_size = {I} 个特征。{x} 是 {k} 维张量：{shape}。",
    ),
    "dbg.input_dims_none": (
        "Reshape it to {layout} with {I} features at each timestep (or build the layer with the input_size "
        "your data has).",
        "请把它变形为 {layout}，每个时间步 {I} 个特征（或者按数据实际的特征数设置 input_size）。",
    ),
    "dbg.input_rows": (
        "Read as images (N, C, H, W) = ({N}, {C}, {H}, {W}), each image becomes a sequence of its {H} rows, "
        "each row's C·W = {CW} values one timestep: {code} is {new}, {layout}.",
        "把它看作图像 (N, C, H, W) = ({N}, {C}, {H}, {W})，每张图像就是由 {H} 行组成的序列，每一行的 C·W = {CW} "
        "个数是一个时间步：{code} 的形状是 {new}，即 {layout}。",
    ),
    "dbg.input_pixels": (
        "Read as images (N, C, H, W) = ({N}, {C}, {H}, {W}), with input_size equal to the channels C, each "
        "image becomes a sequence of its H·W = {HW} pixels, one pixel's {C} channel value(s) per timestep: "
        "{code} is {new}, {layout}.",
        "把它看作图像 (N, C, H, W) = ({N}, {C}, {H}, {W})，由于 input_size 等于通道数 C，每张图像就是由 "
        "H·W = {HW} 个像素组成的序列，每个时间步是一个像素的 {C} 个通道值：{code} 的形状是 {new}，即 {layout}。",
    ),
    "dbg.input_squeeze": (
        "Its axis 2 has size 1 and holds nothing: {code} drops it, giving {new}, {layout}.",
        "它的第 2 维（dim 2）大小为 1，是多余的：{code} 去掉这一维，得到 {new}，即 {layout}。",
    ),
    "dbg.input_series": (
        "With input_size=1 it is one series of L = {L} timesteps missing its feature axis: {code} is {new}, "
        "(L, H_in), one unbatched sequence (a batch would be (L, N, 1), or (N, L, 1) with batch_first).",
        "由于 input_size=1，它是一个缺少特征维、长 L = {L} 步的序列：{code} 的形状是 {new}，即 (L, H_in)，"
        "一个不带 batch 的序列（带 batch 时为 (L, N, 1)，batch_first 时为 (N, L, 1)）。",
    ),
    "dbg.input_one_step": (
        "Its {I} values match input_size: as one timestep of one sequence, {code} is {new}, (L, H_in).",
        "它的 {I} 个值正好等于 input_size：把它当作一个序列的一个时间步，{code} 的形状是 {new}，即 (L, H_in)。",
    ),
    "dbg.emb_negative": (
        "{mod} has one row per id, 0 … {last} (num_embeddings={n}), but {x} holds the id {lo}: a negative id "
        "has no row. Every id must lie in 0 … num_embeddings − 1.",
        "{mod} 为每个编号准备一行，编号范围是 0 … {last}（num_embeddings={n}），但 {x} 中有编号 {lo}：负数编号"
        "没有对应的行。所有编号都必须在 0 … num_embeddings − 1 之内。",
    ),
    "dbg.emb_range": (
        "{mod} was built with num_embeddings={n}, so it has rows for the ids 0 … {last}, but {x} holds the id "
        "{hi}. Every id must be below num_embeddings. An id equal to num_embeddings is the classic off-by-one: "
        "ids counted from 1, or a padding or unknown token added after the vocabulary was counted. Build it "
        "with num_embeddings = largest id + 1 = {need}.",
        "{mod} 构建时 num_embeddings={n}，只有编号 0 … {last} 的行，但 {x} 中有编号 {hi}。所有编号都必须小于 "
        "num_embeddings。编号恰好等于 num_embeddings 是典型的差一错误：编号从 1 开始，或者在统计词表之后又加了"
        "填充或未知词标记。请用 num_embeddings = 最大编号 + 1 = {need} 构建。",
    ),
    "dbg.emb_float": (
        "{mod} looks rows up by id: {x} must hold whole-number ids of type torch.long (or torch.int), each in "
        "0 … {last}, but it is {dtype}. If its values are ids, convert them with {x}.long().",
        "{mod} 按编号查找行：{x} 必须是 torch.long（或 torch.int）类型的整数编号，每个都在 0 … {last} 之内，"
        "但它是 {dtype}。如果它的值就是编号，请用 {x}.long() 转换。",
    ),
    "dbg.emb_not_ids": (
        "Its values are not all whole numbers in 0 … {last}, so they are no ids, and .long() would not fix "
        "that: map your tokens to ids (a vocabulary) first.",
        "但它的值并不都是 0 … {last} 之内的整数，所以并不是编号，.long() 解决不了：请先把词映射成编号（建立词表）。",
    ),
    "dbg.emb_random": (
        "{x} comes from torch.{fn}, random floats: they are no ids, and .long() truncates "
        "them toward 0, which gives ids such as −1 that have no row. For a test batch "
        "of ids, draw integers: {code}.",
        "{x} 来自 torch.{fn}，是随机浮点数：它们不是编号，.long() 会把它们向 0 取整，"
        "得到 −1 这样没有对应行的编号。要造一批测试用的编号，请抽取整数：{code}。",
    ),
    "dbg.packed_layer": (
        "{x} is a PackedSequence, what a recurrent layer returns for packed input: its "
        ".data stacks the real timesteps of every sequence, ({rows}, {width}), with no "
        "batch or time axis, and {mod} takes tensors only. Unpack it first: {code} is "
        "the padded output {padded}, with zeros after each sequence's end.",
        "{x} 是 PackedSequence，即循环层对打包输入返回的结果：它的 .data 把每个序列的有效时间步堆叠在一起，"
        "形状 ({rows}, {width})，没有 batch 维和时间维，而 {mod} 只接受张量。请先解包："
        "{code} 是填充后的输出 {padded}，每个序列结束之后补零。",
    ),
    "dbg.view_contiguous": (
        "{x} has shape {shape}, but its numbers are not stored in that order in memory: it is a view made by "
        ".transpose, .permute or .t (or a strided slice), which only swaps the strides. .view never copies, so "
        "it can only merge axes that lie one after another in memory, and {x}.view({args}) would merge axes "
        "that do not. Use {x}.reshape({args}), which copies when it must, or {x}.contiguous().view({args}).",
        "{x} 的形状是 {shape}，但它的数据在内存中并不是按这个顺序存放的：它是 .transpose、.permute 或 .t"
        "（或带步长的切片）得到的视图，只交换了步长（stride）。.view 从不复制数据，只能合并在内存中首尾相接的维，"
        "而 {x}.view({args}) 要合并的维并不相接。请用 {x}.reshape({args})（必要时会复制），或 "
        "{x}.contiguous().view({args})。",
    ),
    "dbg.cell_time_index": (
        "{x} has shape {shape}: batch first, (N, L, H_in), {N} samples of {L} timesteps. {x}[{t}] indexes "
        "axis 0, the samples, so at {t} = {idx} it ran out of samples, though there are {L} timesteps. {mod} "
        "takes one timestep of the whole batch, (N, H_in): for batch-first data that is {x}[:, {t}], of shape "
        "({N}, {F}).",
        "{x} 的形状是 {shape}：batch 在前，即 (N, L, H_in)，{N} 个样本、每个 {L} 个时间步。"
        "{x}[{t}] 索引的是第 0 维（dim 0），也就是样本，所以 {t} = {idx} 时样本已经用完了，"
        "而时间步共有 {L} 个。{mod} 每次接收整个 batch 的一个时间步 (N, H_in)：对 batch "
        "在前的数据，这是 {x}[:, {t}]，形状 ({N}, {F})。",
    ),
    "dbg.cell_time_state": (
        "The state was built for the {L} rows of {x}[{t}]; with {x}[:, {t}] the batch is {N}, so the state is "
        "(N, hidden_size) with N = {N}.",
        "状态原本是按 {x}[{t}] 的 {L} 行创建的；改成 {x}[:, {t}] 后批量大小是 {N}，所以状态应为 "
        "(N, hidden_size)，N = {N}。",
    ),
    "dbg.super_init": (
        "{cls}.__init__ assigns self.{attr}, a module, before nn.Module.__init__ has run. It is "
        "nn.Module.__init__ that sets up where a module keeps its layers and parameters (what "
        "model.parameters(), .to() and state_dict() read), so torch refuses the assignment. Call "
        "super().__init__() first in __init__, before any layer is assigned.",
        "{cls}.__init__ 在 nn.Module.__init__ 运行之前就给 self.{attr} 赋了一个模块。正是 nn.Module.__init__ "
        "建立了模块存放子层和参数的地方（model.parameters()、.to() 和 state_dict() 都从那里读取），所以 torch "
        "拒绝这次赋值。请在 __init__ 的最前面调用 super().__init__()，放在给任何层赋值之前。",
    ),
    "dbg.super_init_late": (
        "It is called, but only on line {line}, after the assignment: move it up (calling it a second time "
        "would reset what was registered).",
        "代码里调用了它，但在第 {line} 行，晚于这次赋值：请把它移到最前面（再调用一次会清空已经注册的内容）。",
    ),
    "dbg.backward_twice": (
        "{loss}.backward() on line {line} goes back through a graph that the backward() on line {first} has "
        "already freed: backward() frees the values a graph saved for it once it is done (unless "
        "retain_graph=True), so torch cannot go through that part again.",
        "第 {line} 行的 {loss}.backward() 要反向经过一段计算图，而这段图已经被第 {first} 行的 backward() 释放："
        "backward() 完成后会释放计算图为它保存的中间值（除非 retain_graph=True），所以 torch 无法再经过这一段。",
    ),
    "dbg.backward_twice_state": (
        "{state}, passed to {mod} on line {call_line}, was carried over from the previous iteration as it "
        "was, so this iteration's loss still hangs on the previous iteration's graph. Keep the state's values "
        "but cut it off its history before passing it on: {code} (truncated backpropagation through time). "
        "retain_graph=True is no fix: every backward() would run through all earlier iterations again, "
        "slower each time, and it fails once optimizer.step() has changed the weights.",
        "第 {call_line} 行传给 {mod} 的 {state} 是原样从上一次迭代带过来的，所以这一次的损失仍然连着上一次迭代的"
        "计算图。请保留状态的值，但在传下去之前切断它的历史：{code}（截断的时间反向传播）。retain_graph=True "
        "不是办法：每次 backward() 都会重新经过之前所有的迭代，越来越慢，而且一旦 optimizer.step() 改了权重就会报错。",
    ),
    "dbg.backward_twice_any": (
        "A tensor computed before that backward() is still part of this loss: compute it again in this "
        "iteration, or .detach() it where it is carried over.",
        "这个损失仍然用到了在那次 backward() 之前算出的张量：请在本次迭代中重新计算它，或在把它带到下一次迭代的地方"
        "调用 .detach()。",
    ),
    "dbg.w.bias_passed_as_batch_first": (
        "Line {line}: nn.{mode} got {value} as positional argument {pos}. That position is bias (True is "
        "already its default), not batch_first: write batch_first=True by name.",
        "第 {line} 行：nn.{mode} 的第 {pos} 个位置参数是 {value}。这个位置是 bias（它默认就是 True），不是 batch_first："
        "请写成 batch_first=True。",
    ),
    "dbg.w.last_step_of_batch": (
        "Line {line}: with batch_first=True, output is (N, L, …), so [-1] on the first axis is the last sample "
        "of the batch, not the last timestep. Use output[:, -1].",
        "第 {line} 行：batch_first=True 时 output 是 (N, L, …)，第 0 维（dim 0）上的 "
        "[-1] 是 batch 中最后一个样本，而不是最后一个时间步。请用 output[:, -1]。",
    ),
    "dbg.w.last_sample_of_time_first": (
        "Line {line}: this module was built without batch_first, so its output is (L, "
        "N, D·H_out) = ({L}, {N}, {width}), time first. [:, -1] on it takes the last "
        "sample of the batch at every timestep, a ({L}, {width}) tensor, not the last "
        "timestep of each sample. For the last timestep use output[-1], which is ({N}, "
        "{width}) (or {summary}); if your data is (N, L, H_in), build the module with "
        "batch_first=True.",
        "第 {line} 行：这个模块构建时没有设 batch_first，所以它的 output 是时间在前的 "
        "(L, N, D·H_out) = ({L}, {N}, {width})。对它取 [:, -1]，得到的是每个时间步上 "
        "batch 中最后一个样本，形状 ({L}, {width})，而不是每个样本的最后一个时间步。要取最后一个时间步请用 "
        "output[-1]，形状 ({N}, {width})（或用 {summary}）；如果你的数据是 (N, L, H_in)，"
        "请在构建模块时加上 batch_first=True。",
    ),
    "dbg.w.reverse_direction_partial": (
        "Line {line}: at the last timestep, the reverse half of a bidirectional output "
        "has seen only one step. As a summary, join both directions' final states, torch.cat((h_n[-2], "
        "h_n[-1]), dim=-1), 2·{H_out} wide, or take the forward half output[..., :{H_out}].",
        "第 {line} 行：在最后一个时间步，双向 output 的反向部分只看过一步。要做整段摘要，"
        "请把两个方向的最终状态拼起来：torch.cat((h_n[-2], h_n[-1]), dim=-1)，大小为 "
        "2·{H_out}；或只取正向部分 output[..., :{H_out}]。",
    ),
    "dbg.w.gru_state_unpacked": (
        "Line {line}: nn.{mode} returns (output, h_n); h_n is a single tensor, so (h, c) splits it along the "
        "layer axis instead of giving a cell state.",
        "第 {line} 行：nn.{mode} 返回 (output, h_n)；h_n 是一个张量，写成 (h, c) 会沿层这一维把它切开，并不会得到细胞状态。",
    ),
    "dbg.w.loss_broadcast": (
        "Line {line}: {loss} got a prediction of shape {pred} and a target of shape {target}. They are not "
        "the same shape, so torch broadcasts both to {shape} and compares every prediction with every "
        "target: the loss is wrong, and torch only warns. Make them one shape, e.g. pred.squeeze(-1) or "
        "target.view_as(pred).",
        "第 {line} 行：{loss} 收到形状为 {pred} 的预测和形状为 {target} 的目标。两者形状不同，torch 会把它们都广播成 "
        "{shape}，让每个预测与每个目标相比：损失是错的，而 torch 只给出警告。请让两者形状一致，例如 pred.squeeze(-1) "
        "或 target.view_as(pred)。",
    ),
    # the examples' titles (explainer/debugger/examples.py), by the example's key
    "dbgx.seed_001_lstm_class": (
        "Seed article 001: an LSTM model class with a fixed self.batch_size (the last batch is smaller)",
        "文章示例 001：LSTM 模型类把 batch_size 存成固定的 self.batch_size（最后一个 batch 更小）",
    ),
    "dbgx.seed_002_rnn": (
        "Seed article 002: nn.RNN(10, 20, 2), the official example it quotes",
        "文章示例 002：它引用的官方示例 nn.RNN(10, 20, 2)",
    ),
    "dbgx.seed_003_rnncell": (
        "Seed article 003: an RNNCell loop with enumerate",
        "文章示例 003：用 enumerate 循环调用 RNNCell",
    ),
    "dbgx.seed_003_multilayer": (
        "Seed article 003: a 3-layer nn.RNN",
        "文章示例 003：三层 nn.RNN",
    ),
    "dbgx.seed_000_rnn_layer": (
        "Seed article 000: nn.RNN with vocab_size inputs and state = None",
        "文章示例 000：输入维度为 vocab_size、state = None 的 nn.RNN",
    ),
    "dbgx.docs_lstm": (
        "torch's documentation: nn.LSTM(10, 20, 2) on (5, 3, 10)",
        "torch 官方文档示例：nn.LSTM(10, 20, 2) 处理 (5, 3, 10)",
    ),
    "dbgx.docs_rnncell": (
        "torch's documentation: an RNNCell loop over time",
        "torch 官方文档示例：用 RNNCell 按时间循环",
    ),
    "dbgx.bidir_gru": (
        "A bidirectional GRU classifier (correct)",
        "双向 GRU 分类器（正确）",
    ),
    "dbgx.hx_layers": (
        "h_0 forgets num_layers × directions",
        "h_0 忘了乘上层数 × 方向数",
    ),
    "dbgx.hx_batch_first": (
        "batch_first applied to h_0",
        "把 batch_first 用到了 h_0 上",
    ),
    "dbgx.hx_batch": (
        "h_0 built with a fixed batch size",
        "h_0 用了固定的批量大小",
    ),
    "dbgx.after_bidir": (
        "stacking after a bidirectional layer",
        "在双向层之后堆叠",
    ),
    "dbgx.univariate": (
        "a univariate series without its feature axis",
        "单变量序列缺少特征维",
    ),
    "dbgx.embedding": (
        "embedding size ≠ input_size",
        "词向量维度 ≠ input_size",
    ),
    "dbgx.lstm_pair": (
        "LSTM given h0 without c0",
        "LSTM 只传了 h0 没传 c0",
    ),
    "dbgx.gru_tuple": (
        "GRU given (h0, c0)",
        "GRU 传入了 (h0, c0)",
    ),
    "dbgx.hx_proj": (
        "proj_size: h_0 must be proj_size wide",
        "proj_size：h_0 的大小必须是 proj_size",
    ),
    "dbgx.hx_batched": (
        "2-D h_0 with 3-D input",
        "三维输入配了二维 h_0",
    ),
    "dbgx.int_input": (
        "integer input",
        "整数输入",
    ),
    "dbgx.dtype_input": (
        "float64 input",
        "float64 输入",
    ),
    "dbgx.cell_sequence": (
        "a Cell fed a whole sequence",
        "把整段序列喂给 Cell",
    ),
    "dbgx.pack_sorted": (
        "pack_padded_sequence with unsorted lengths",
        "pack_padded_sequence 的长度未排序",
    ),
    "dbgx.pack_batch_first": (
        "pack_padded_sequence and batch_first",
        "pack_padded_sequence 与 batch_first",
    ),
    "dbgx.linear_bidir": (
        "nn.Linear expects H, gets D·H",
        "nn.Linear 需要 H，却得到 D·H",
    ),
    "dbgx.lstmcell_pair": (
        "LSTMCell given h without c",
        "LSTMCell 只传了 h",
    ),
    "dbgx.lstm_single_state": (
        "LSTM given one h0 tensor: 'index 1 is out of bounds'",
        "LSTM 只传了一个 h0 张量：“index 1 is out of bounds”",
    ),
    "dbgx.lstm_single_state_unbatched": (
        "LSTM given one h0 tensor, unbatched input",
        "LSTM 只传了一个 h0 张量（不带 batch 的输入）",
    ),
    "dbgx.proj_too_big": (
        "proj_size not smaller than hidden_size",
        "proj_size 不小于 hidden_size",
    ),
    "dbgx.proj_not_lstm": (
        "proj_size on a GRU",
        "给 GRU 设置了 proj_size",
    ),
    "dbgx.ce_sequence": (
        "CrossEntropyLoss on (N, L, C) scores of a sequence tagger",
        "序列标注：把 (N, L, C) 的分数直接交给 CrossEntropyLoss",
    ),
    "dbgx.training_loop": (
        "A training loop: Sequential head, Adam, MSELoss, loss.item() (runs)",
        "训练循环：Sequential 输出层、Adam、MSELoss、loss.item()（可以运行）",
    ),
    "dbg.w.unknown_index": (
        "Line {line}: {expr} picks an item by a number only the real run has (it comes from a "
        "tensor's values, which this checker does not compute). The check went on assuming the "
        "number is a valid index (0 to {size} minus 1); if it is not, the real run raises an "
        "IndexError or KeyError there.",
        "第 {line} 行：{expr} 用一个只有真实运行才知道的数（来自张量的数值，本检查器不计算数值）"
        "来取元素。检查按“这个数是有效下标（0 到 {size} 减 1）”继续；如果不是，真实运行会在这里"
        "抛出 IndexError 或 KeyError。",
    ),
    "dbg.unknown_value": (
        "Line {line}: the check needs the value of {name} here, and cannot know it: {why}. "
        "Everything before this line was checked. Give {name} a value and check again.",
        "第 {line} 行：这里需要 {name} 的值，但检查器无法知道它：{why}。这一行之前的代码都已检查。"
        "请给 {name} 一个值后再检查。",
    ),
    "dbg.unknown_value_at": (
        "Line {line}: the check needs the value of {name} (set on line {at}) here, and cannot know it: "
        "{why}. Everything before this line was checked. Give {name} the value the real run would have "
        "and check again: it stands in for what line {at} computes.",
        "第 {line} 行：这里需要 {name}（在第 {at} 行赋值）的值，但检查器无法知道它：{why}。这一行之前的代码都已检查。"
        "请给 {name} 一个真实运行时会有的值后再检查：它会代替第 {at} 行算出的值。",
    ),
    "dbg.given_for": (
        "given on the page, in place of: {expr}",
        "页面上给出的值，代替：{expr}",
    ),
    "dbg.why.module": (
        "it comes from {source}, which the checker does not run",
        "它来自 {source}，检查器不运行这部分代码",
    ),
    "dbg.why.file": (
        "it is what a file holds, which the checker does not read",
        "它是文件的内容，检查器不读取文件",
    ),
    "dbg.why.picked": (
        "it was picked by a number only the real run has",
        "它是用只有真实运行才知道的数选出来的",
    ),
    "dbg.unknown_value_expr": (
        "Line {line}: the check needs the value of {name} here, and cannot know it: {why}. "
        "Everything before this line was checked.",
        "第 {line} 行：这里需要 {name} 的值，但检查器无法知道它：{why}。这一行之前的代码都已检查。",
    ),
    # backward() through a value a module call saved, changed in place since (explainer/debugger/rules.py)
    "dbg.inplace_version": (
        "{loss}.backward() on line {line} goes back through the call of {mod} on line {call_line}, which saved "
        "values for it (its weights, its input), and one of them has been changed in place since. Autograd "
        "counts every in-place change of a tensor (its version) and refuses a saved value whose version has "
        "moved: the gradient would be computed from values the forward pass never used.",
        "第 {line} 行的 {loss}.backward() 要反向经过第 {call_line} 行对 {mod} 的调用；那次调用为反向传播保存了一些值"
        "（它的权重、它的输入），而其中一个之后被原地修改了。autograd 会记下每个张量被原地修改的次数（版本号），"
        "保存的值版本号一变就拒绝使用：否则梯度会用前向计算从未用过的值算出来。",
    ),
    "dbg.inplace_version_step": (
        "The optimizer step on line {step} changed the weights in place after line {call_line} used them.",
        "第 {step} 行的优化器 step() 在第 {call_line} 行用过这些权重之后原地修改了它们。",
    ),
    "dbg.inplace_version_again": (
        "Run the forward pass again after the change and call backward() on the new loss, or call "
        "backward() once per forward pass (retain_graph=True is only for a second pass through an "
        "unchanged graph).",
        "请在修改之后重新做一次前向计算，对新的损失调用 backward()；或者每次前向计算只调用一次 backward()"
        "（retain_graph=True 只适用于再次经过一张没有被改动过的计算图）。",
    ),
    # silent mistakes with a fix (explainer/debugger/findings.py)
    "dbg.w.bidir_hn_last": (
        "Line {line}: {x} is the last entry of {base}, the h_n of a bidirectional layer, laid out "
        "(num_layers·2, N, H_out) with the two directions of each layer side by side: its last entry is the "
        "last layer's reverse direction alone, which read the sequence from its end back to t = 0. {fc} "
        "classifies from that one direction; the forward direction's summary is never used. Join the last "
        "layer's two directions, {joined}, {width} wide, and build {fc} with in_features={width}.",
        "第 {line} 行：{x} 是 {base} 的最后一项；{base} 是双向层的 h_n，布局为 (num_layers·2, N, H_out)，每层的两个方向"
        "相邻排列：最后一项只是最后一层的反向，它从序列末尾一直读回 t = 0。{fc} 只根据这一个方向分类，正向的摘要完全"
        "没有用上。请把最后一层的两个方向拼起来：{joined}，大小为 {width}，并把 {fc} 的 in_features 设为 {width}。",
    ),
    "dbg.w.batch_first_data": (
        "Line {line}: {x} is built as ({dims}) = {shape}, batch first, but {mod} was built without "
        "batch_first=True, so it reads dim 0 as time and dim 1 as the batch: it runs through the {N} samples "
        "as if they were {N} timesteps, carrying one sample's hidden state into the next, and treats the {L} "
        "timesteps as a batch of {L}. Nothing raises because the shapes happen to fit. Build {mod} with "
        "batch_first=True (h_0 and c_0 keep (D·num_layers, N, H_out) either way).",
        "第 {line} 行：{x} 按 ({dims}) = {shape} 构建，batch 在前；但 {mod} 构建时没有设 batch_first=True，所以它把"
        "第 0 维（dim 0）当作时间、第 1 维（dim 1）当作 batch：它把 {N} 个样本当成 {N} 个时间步依次计算，把一个样本的"
        "隐藏状态带进下一个样本，又把 {L} 个时间步当成大小为 {L} 的 batch。因为形状恰好对得上，所以不会报错。请在构建 "
        "{mod} 时加上 batch_first=True（h_0、c_0 的形状无论如何都是 (D·num_layers, N, H_out)）。",
    ),
    "dbg.w.bidir_view_last_step": (
        "Line {line}: {expr} reads both directions at the last timestep. The forward direction ends there, "
        "but the reverse direction runs from the last timestep back to t = 0: its final state is at step 0, "
        "and at the last step it has seen one step only. For the final states of both directions use {good} "
        "(the same values as the last layer's h_n).",
        "第 {line} 行：{expr} 在最后一个时间步读取两个方向。正向在那里结束，但反向是从最后一个时间步往回算到 t = 0 的："
        "它的最终状态在第 0 步，在最后一步它只看过一步。要取两个方向的最终状态，请用 {good}（与最后一层的 h_n 相同）。",
    ),
    # a state the model computed, refused for its shape (explainer/debugger/rules.py)
    "dbg.hx_computed": (
        "{name} is no state you built: the model computed it (line {line}), so it carries what the model "
        "read or encoded (an encoder's summary, a latent). Rebuilding it as zeros would throw that away, so no "
        "fix is offered here: reshape it on purpose (one row per layer and direction), or map it through an "
        "nn.Linear to the size the receiving module expects.",
        "{name} 不是你自己创建的状态：它是模型算出来的（第 {line} 行），保存着模型读到或编码的内容（编码器的摘要、隐变量）。"
        "把它换成全零会丢掉这些信息，所以这里不给出自动修改：请有意地改变它的形状（每层每个方向一行），"
        "或用 nn.Linear 把它映射成接收它的模块所要求的大小。",
    ),
    "dbg.hx_computed_axis": (
        "{name} is no state you built: the model computed it (line {line}), so the fix keeps its values and "
        "only adds the layer axis in front, {shape}: rebuilding it as zeros would throw away what it carries.",
        "{name} 不是你自己创建的状态：它是模型算出来的（第 {line} 行），所以修改会保留它的值，只在前面加上层这一维，"
        "变成 {shape}：把它换成全零会丢掉它保存的信息。",
    ),
    # a call into a module the checker does not run (os, matplotlib, files): said at the first one
    "dbg.w.not_run": (
        "Line {line}: {call}(...) was not run, nor any later call into a module this checker does not "
        "run (files, the operating system, plotting, the network): it never touches them. Whether such "
        "a call succeeds in a real run is not checked here; the tensors' shapes around it were.",
        "第 {line} 行：{call}(...) 没有运行；之后对检查器不运行的模块（文件、操作系统、绘图、网络）的调用"
        "也都没有运行：检查器从不碰它们。这类调用在真实运行中是否成功，这里不做检查；它周围张量的形状都已检查。",
    ),
}
