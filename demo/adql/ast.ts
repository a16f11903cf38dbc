/** The syntax tree of the ADQL subset the demo service runs, as the parser builds it and ./to-sql reads it. */

export interface Ident {
  name: string;
  quoted: boolean;
}

export type Expr =
  | { k: 'num'; text: string }
  | { k: 'str'; value: string }
  | { k: 'null' }
  | { k: 'col'; parts: Ident[]; pos: number }
  | { k: 'bin'; op: string; l: Expr; r: Expr }
  | { k: 'neg'; e: Expr }
  | { k: 'fn'; name: string; args: Expr[]; distinct: boolean; star: boolean; pos: number }
  | { k: 'case'; operand?: Expr; whens: { when: Expr; then: Expr }[]; else?: Expr }
  | { k: 'cast'; e: Expr; type: string }
  | { k: 'subq'; query: Query }
  | { k: 'cmp'; op: string; l: Expr; r: Expr }
  | { k: 'and'; l: Expr; r: Expr }
  | { k: 'or'; l: Expr; r: Expr }
  | { k: 'not'; e: Expr }
  | { k: 'between'; not: boolean; e: Expr; lo: Expr; hi: Expr }
  | { k: 'like'; not: boolean; ilike: boolean; e: Expr; pattern: Expr }
  | { k: 'in'; not: boolean; e: Expr; list?: Expr[]; query?: Query }
  | { k: 'isnull'; not: boolean; e: Expr }
  | { k: 'exists'; query: Query };

export type SelectItem = { kind: 'star'; qualifier?: Ident[] } | { kind: 'expr'; expr: Expr; alias?: Ident };

export type FromItem =
  | { kind: 'table'; name: Ident[]; alias?: Ident; pos: number }
  | { kind: 'subquery'; query: Query; alias: Ident }
  | {
      kind: 'join';
      type: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS';
      natural: boolean;
      left: FromItem;
      right: FromItem;
      on?: Expr;
      using?: Ident[];
    };

export interface OrderItem {
  expr: Expr;
  desc: boolean;
}

export interface Query {
  distinct: boolean;
  top?: number;
  items: SelectItem[];
  from: FromItem[];
  where?: Expr;
  groupBy: Expr[];
  having?: Expr;
  orderBy: OrderItem[];
  offset?: number;
}
