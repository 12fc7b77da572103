import { DefaultNamingStrategy, Table, View, type NamingStrategyInterface } from 'typeorm';

/**
 * snake_case columns from camelCase properties, and readable, deterministic constraint names
 * (pk_table, fk_table_column, uq_/ix_table_columns) instead of TypeORM's hashes, so that
 * migrations and `psql \d` read naturally. Index and check names are still given explicitly
 * on the entities: a name derived from the column list would change when the list does.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    return customName ?? snakeCase([...embeddedPrefixes, propertyName].join('_'));
  }

  override relationName(propertyName: string): string {
    return snakeCase(propertyName);
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snakeCase(`${relationName}_${referencedColumnName}`);
  }

  override primaryKeyName(tableOrName: Table | string): string {
    return `pk_${tableName(tableOrName)}`;
  }

  override foreignKeyName(tableOrName: Table | string, columnNames: string[]): string {
    return `fk_${tableName(tableOrName)}_${columnNames.join('_')}`;
  }

  override uniqueConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return `uq_${tableName(tableOrName)}_${columnNames.join('_')}`;
  }

  override indexName(tableOrName: Table | View | string, columnNames: string[]): string {
    return `ix_${tableName(tableOrName)}_${columnNames.join('_')}`;
  }
}

export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

function tableName(tableOrName: Table | View | string): string {
  const name = typeof tableOrName === 'string' ? tableOrName : tableOrName.name;
  // Drop a schema prefix ("public.event") so names stay the same whichever way TypeORM asks.
  return name.slice(name.lastIndexOf('.') + 1);
}
